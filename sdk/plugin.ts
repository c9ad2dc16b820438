/**
 * The entry of the native plugin `civis` (`pulumi-resource-civis` runs it with node): the
 * provider's gRPC server, with `ManagedWorkflow` as the component it constructs for programs in
 * other languages. In this process the package's resources register as the plugin's own
 * (`civis:index:Workflow`, ...), not as dynamic-provider resources: the component's children are
 * served by the plugin too.
 */
import { servePlugin } from "../provider";
import { ManagedWorkflow, type ManagedWorkflowArgs } from "./components/managedWorkflow";
import { registerAsNative } from "./resources/base";

registerAsNative();
servePlugin(process.argv.slice(2), {
  "civis:index:ManagedWorkflow": (name, inputs, opts) => {
    const component = new ManagedWorkflow(name, inputs as unknown as ManagedWorkflowArgs, opts);
    return { urn: component.urn, state: { workflowId: component.workflowId } };
  },
}).catch((e: unknown) => {
  console.error(`civis plugin: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
