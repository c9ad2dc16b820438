// The floor's provider: answers every call at once and does no I/O.
import type * as pulumi from "@pulumi/pulumi";

/** What the floor's resources take and give back; the host passes them untyped. */
type Props = Record<string, unknown>;

export const noop: pulumi.dynamic.ResourceProvider = {
  create(inputs: Props) {
    // A workflow gets a made-up id; a share or project link keeps the id it was given.
    return Promise.resolve({
      id: Math.random().toString(36).slice(2),
      outs: { ...inputs, workflowId: inputs.workflowId ?? Math.floor(Math.random() * 1e9) },
    });
  },
  diff(_id, olds: Props, news: Props) {
    const changed = Object.keys(news).some(
      (k) => k !== "__provider" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]),
    );
    return Promise.resolve({ changes: changed });
  },
  update(_id, olds: Props, news: Props) {
    return Promise.resolve({ outs: { ...news, workflowId: news.workflowId ?? olds.workflowId } });
  },
  read(id, props: Props) {
    return Promise.resolve({ id, props });
  },
  async delete() {},
};
