import type { Context } from "../context";
import type { Project, State } from "../types";
import { idParam, notFound, Router } from "../http";
import { simpleUser, workflowFor } from "../model";

export function projectRoutes(router: Router, ctx: Context): void {
  router.on("GET", "/workflows/:id/projects", (req) => {
    const state = ctx.store.state;
    const w = workflowFor(state, idParam(req.params.id), req.callerId);
    const projects = w.projectIds.map((pid) => state.projects.find((p) => p.id === pid)!).filter(Boolean);
    return { status: 200, body: projects.map((p) => projectSummary(state, p)) };
  });

  router.on("PUT", "/workflows/:id/projects/:projectId", (req) => {
    const state = ctx.store.state;
    const w = workflowFor(state, idParam(req.params.id), req.callerId, "write");
    const project = projectById(state, idParam(req.params.projectId));
    if (!w.projectIds.includes(project.id)) {
      w.projectIds.push(project.id);
      w.updatedAt = ctx.now();
      ctx.store.save();
    }
    return { status: 204 };
  });

  router.on("DELETE", "/workflows/:id/projects/:projectId", (req) => {
    const state = ctx.store.state;
    const w = workflowFor(state, idParam(req.params.id), req.callerId, "write");
    const pid = idParam(req.params.projectId);
    if (!w.projectIds.includes(pid)) throw notFound();
    w.projectIds = w.projectIds.filter((p) => p !== pid);
    w.updatedAt = ctx.now();
    ctx.store.save();
    return { status: 204 };
  });

  router.on("GET", "/projects/:id", (req) => {
    const state = ctx.store.state;
    const p = projectById(state, idParam(req.params.id));
    const workflows = state.workflows
      .filter((w) => w.projectIds.includes(p.id) && ctx.canSee(w, req.callerId))
      .map((w) => ({
        id: w.id,
        createdAt: w.createdAt,
        updatedAt: w.updatedAt,
        name: w.name,
        state: w.state,
        lastExecution: null,
      }));
    return {
      status: 200,
      body: {
        ...projectSummary(state, p),
        tables: [],
        surveys: [],
        scripts: [],
        imports: [],
        exports: [],
        models: [],
        notebooks: [],
        services: [],
        workflows,
        reports: [],
        scriptTemplates: [],
        files: [],
        enhancements: [],
        projects: [],
        allObjects: workflows.map((w) => ({
          projectId: p.id,
          objectId: w.id,
          objectType: "Workflow",
          fcoType: "workflows",
          subType: null,
          name: w.name,
          icon: "workflow",
          author: null,
          updatedAt: w.updatedAt,
          autoShare: false,
          archived: false,
          hidden: false,
          myPermissionLevel: "manage",
        })),
        note: null,
        canCurrentUserEnableAutoShare: true,
        hidden: false,
        parentProject: null,
        myPermissionLevel: "manage",
      },
    };
  });
}

function projectById(state: State, id: number): Project {
  const p = state.projects.find((x) => x.id === id);
  if (!p) throw notFound();
  return p;
}

function projectSummary(state: State, p: Project) {
  return {
    id: p.id,
    author: simpleUser(state, p.authorId),
    name: p.name,
    description: p.description,
    users: [simpleUser(state, p.authorId)],
    autoShare: false,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    archived: false,
  };
}
