// The floor's provider: answers every call at once and does no I/O.
import type * as pulumi from "@pulumi/pulumi";

export const noop: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    // A workflow gets a made-up id; a share or project link keeps the id it was given.
    return {
      id: Math.random().toString(36).slice(2),
      outs: { ...inputs, workflowId: inputs.workflowId ?? Math.floor(Math.random() * 1e9) },
    };
  },
  async diff(_id, olds, news) {
    const changed = Object.keys(news).some(
      (k) => k !== "__provider" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]),
    );
    return { changes: changed };
  },
  async update(_id, olds, news) {
    return { outs: { ...news, workflowId: news.workflowId ?? olds.workflowId } };
  },
  async read(id, props) {
    return { id, props };
  },
  async delete() {},
};
