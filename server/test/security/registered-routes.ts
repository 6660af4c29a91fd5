import type express from 'express';

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  /** Mounted at `/`, i.e. `app.use(router)`. */
  slash?: boolean;
  rawPath?: unknown;
}

/**
 * The routes Express actually serves under `/api`, as `METHOD /path`, read from the app's router
 * stack. Every router of the app is mounted at the root (`app.use(router)`), so a route's path is
 * its full path; a router mounted under a prefix would hide that prefix, and is refused.
 */
export function registeredApiRoutes(app: express.Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const { path, methods } = layer.route;
        for (const method of Object.keys(methods).filter((name) => methods[name]))
          found.push(`${method.toUpperCase()} ${String(path)}`);
      } else if (layer.handle.stack) {
        if (!layer.slash)
          throw new Error(`a router is mounted under ${String(layer.rawPath)}: teach the walker its prefix`);
        walk(layer.handle.stack);
      }
    }
  };
  walk((app.router as unknown as { stack: Layer[] }).stack);
  return found.filter((route) => route.split(' ')[1]?.startsWith('/api')).sort();
}
