/**
 * The entry that each resource's `__provider` names (see `index.ts`): state written by every
 * version keeps this path, so it stays here and hands over to the dynamic-provider host adapter.
 */
export * from "./host/dynamic";
