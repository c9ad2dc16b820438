import type { Context } from "../context";
import type { Router } from "../http";

export function userRoutes(router: Router, ctx: Context): void {
  router.on("GET", "/users/me", (req) => {
    const state = ctx.store.state;
    const u = state.users.find((x) => x.id === req.callerId)!;
    const groups = state.groups
      .filter((g) => u.groupIds.includes(g.id))
      .map((g) => ({ id: g.id, name: g.name, slug: g.slug, organizationId: 1, organizationName: "Emulated Org" }));
    return {
      status: 200,
      body: {
        id: u.id,
        name: u.name,
        email: u.email,
        username: u.username,
        initials: u.initials,
        lastCheckedAnnouncements: null,
        featureFlags: {},
        roles: ["sdm"],
        preferences: { timeZone: u.timeZone },
        customBranding: null,
        primaryGroupId: u.groupIds[0] ?? null,
        groups,
        organizationName: "Emulated Org",
        organizationSlug: "emulated-org",
        organizationDefaultThemeId: null,
        createdAt: "2026-01-01T00:00:00.000Z",
        signInCount: 1,
        assumingRole: false,
        roleAssumer: null,
        assumingAdmin: false,
        assumingAdminExpiration: null,
        superadminModeExpiration: null,
        disableNonCompliantFedrampFeatures: false,
        personaRole: null,
        createdById: null,
        lastUpdatedById: null,
      },
    };
  });
}
