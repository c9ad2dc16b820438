import * as pulumi from "@pulumi/pulumi";
import { outputNames, providerSource, type ResourceKind } from "../../provider";
import { problemsInput } from "./problems";

/**
 * Whether this process registers the package's resources as the native plugin's own
 * (`civis:index:<Kind>`): only inside the plugin, where a ManagedWorkflow is built for a program in
 * another language (`sdk/plugin.ts` says so once, at start). A TypeScript program never does.
 */
let native = false;

/** Makes this process register the package's resources as the native plugin's (see above). */
export function registerAsNative(): void {
  native = true;
}

/** Whether this process is the native plugin, building components for other languages. */
export const registersAsNative = () => native;

/**
 * The base of the package's resources: a resource of Pulumi's Node.js dynamic provider
 * (`pulumi-nodejs:dynamic/civis:<Kind>`), what `pulumi.dynamic.Resource` registers too, with a
 * one-line `__provider` in place of a serialized closure (see `provider/index.ts`).
 */
export abstract class CivisResource extends pulumi.CustomResource {
  /**
   * Every output the resource's field table declares is given as a key: Pulumi makes an Output
   * only for the keys it is given, so one the program leaves out (an optional argument) would
   * otherwise be undefined on the resource, not an Output of undefined. An undefined key sends nothing.
   */
  protected constructor(kind: ResourceKind, name: string, args: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    const props: pulumi.Inputs = { ...Object.fromEntries(outputNames(kind).map((k) => [k, undefined])), ...args };
    if (opts?.import !== undefined) {
      // The engine's import calls the provider without this resource's __provider, and fails.
      throw new pulumi.RunError(
        kind === "Workflow"
          ? `civis:Workflow "${name}": opts.import cannot take over a Civis workflow; write adoptWorkflowId: ` +
              `${JSON.stringify(opts.import)} in its arguments instead (and remove import)`
          : `civis:${kind} "${name}": opts.import is not supported; remove it: creating this ${kind} on a workflow ` +
              `that already has it sends no write when the workflow is adopted with adoptWorkflowId`,
      );
    }
    // Inside the plugin, the plugin's own check finds bad inputs; it serves these resources itself.
    if (native) {
      super(`civis:index:${kind}`, name, props, opts);
      return;
    }
    // Bad inputs are reported with every other resource's, in one preview (see problems.ts).
    const problems = problemsInput(kind, name, props);
    super(
      `pulumi-nodejs:dynamic/civis:${kind}`,
      name,
      { ...props, __provider: providerSource(kind), __problems: problems },
      opts,
    );
  }
}
