/**
 * `Construct`: a multi-language component (ManagedWorkflow) built inside the plugin for a program
 * in another language. The component is the SDK's own, handed in by the plugin's entry
 * (`sdk/plugin.ts`), so this module knows Pulumi's runtime and not the component: it points the
 * runtime at the engine's monitor for this call, turns the request's inputs into Inputs (with
 * their dependencies), builds the component with the request's options, and answers its URN and
 * outputs once every registration it started has been sent.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- Pulumi's runtime internals are CommonJS modules */
import type * as pulumi from "@pulumi/pulumi";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";

/** Builds a component: its URN and the outputs it registers. */
export type ComponentFactory = (
  name: string,
  inputs: Record<string, unknown>,
  opts: pulumi.ComponentResourceOptions,
) => { urn: pulumi.Output<string>; state: Record<string, unknown> };

/** The parts of `@pulumi/pulumi`'s runtime a construct uses (not in its public typings). */
interface Runtime {
  settings: {
    resetOptions(...args: unknown[]): void;
    awaitFeatureSupport(): Promise<void>;
    waitForRPCs(): Promise<void>;
  };
  config: { setAllConfig(config: Record<string, string>, secretKeys: string[]): void };
  rpc: {
    serializeResourceProperties(
      label: string,
      props: Record<string, unknown>,
    ): Promise<[Record<string, unknown>, Map<string, Set<pulumi.Resource>>]>;
  };
  state: { withLocalStorage<T>(fn: () => Promise<T>): Promise<T> };
  server: { deserializeInputs(inputs: unknown, deps: unknown): Promise<Record<string, unknown>> };
  resource: { DependencyResource: new (urn: string) => pulumi.Resource };
}

const runtime = (): Runtime => ({
  settings: require("@pulumi/pulumi/runtime/settings") as Runtime["settings"],
  config: require("@pulumi/pulumi/runtime/config") as Runtime["config"],
  rpc: require("@pulumi/pulumi/runtime/rpc") as Runtime["rpc"],
  state: require("@pulumi/pulumi/runtime/state") as Runtime["state"],
  server: require("@pulumi/pulumi/provider/server") as Runtime["server"],
  resource: require("@pulumi/pulumi/resource") as Runtime["resource"],
});

export async function construct(
  req: providerPb.ConstructRequest,
  engineAddress: string | undefined,
  components: Record<string, ComponentFactory>,
  struct: (v: Record<string, unknown>) => unknown,
): Promise<providerPb.ConstructResponse> {
  const type = req.getType();
  const factory = components[type];
  if (!factory) throw new Error(`the civis plugin has no component ${JSON.stringify(type)}`);
  if (!engineAddress) throw new Error("the civis plugin was started without the engine's address");
  const { settings, config, rpc, state, server, resource } = runtime();
  const proto = require("@pulumi/pulumi/proto/provider_pb") as typeof providerPb;
  return state.withLocalStorage(async () => {
    settings.resetOptions(
      req.getProject(),
      req.getStack(),
      req.getParallel(),
      engineAddress,
      req.getMonitorendpoint(),
      req.getDryrun(),
      req.getOrganization(),
    );
    await settings.awaitFeatureSupport();
    config.setAllConfig(Object.fromEntries(req.getConfigMap().toArray()), req.getConfigsecretkeysList());
    const inputs = await server.deserializeInputs(req.getInputs(), req.getInputdependenciesMap());
    const dependency = (urn: string) => new resource.DependencyResource(urn);
    const made = factory(req.getName(), inputs, {
      parent: req.getParent() ? dependency(req.getParent()) : undefined,
      dependsOn: req.getDependenciesList().map(dependency),
      protect: req.getProtect(),
      ignoreChanges: req.getIgnorechangesList(),
      retainOnDelete: req.getRetainondelete(),
    });
    const resp = new proto.ConstructResponse();
    resp.setUrn(await new Promise<string>((resolve) => made.urn.apply(resolve)));
    const [outputs, deps] = await rpc.serializeResourceProperties(`construct(${type}, ${req.getName()})`, made.state);
    for (const [key, resources] of deps) {
      const urns = await Promise.all([...resources].map((r) => new Promise<string>((resolve) => r.urn.apply(resolve))));
      const d = new proto.ConstructResponse.PropertyDependencies();
      d.setUrnsList(urns);
      resp.getStatedependenciesMap().set(key, d);
    }
    resp.setState(struct(outputs) as ReturnType<providerPb.ConstructResponse["getState"]>);
    await settings.waitForRPCs();
    return resp;
  });
}
