// The people of the end-to-end tests: the demo login `cxmap serve --demo` seeds (owner of
// the demo workspace) and a viewer the global setup adds.
export const DEMO = { email: "demo@cxmap.example", password: "cxmap-demo-password", name: "Demo Analyst" };
export const VIEWER = { email: "viewer@cxmap.example", password: "viewer-password-123", name: "Vera Viewer" };
/** The demo workspace's slug (cxmap.services.demo_seed.DEMO_WORKSPACE). */
export const DEMO_WORKSPACE = "demo";
