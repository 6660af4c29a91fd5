import { ProblemDetails, type RouteContract } from '@reco/contracts';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/session-cookie';

/** The OpenAPI 3.1 document of the API, generated from the same contracts the server validates with. */
export function openApiDocument(routes: readonly RouteContract[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Assistant formation – API',
      version: '1',
      description:
        'Recommandations de formations pour les conseillers France Travail. Erreurs au format RFC 9457 ' +
        '(application/problem+json). Les requêtes qui modifient un état portent l’en-tête X-CSRF-Token.',
    },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
    },
    paths,
  };
}

function operation(route: RouteContract): Record<string, unknown> {
  const pathParameters = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = route.query
    ? (schemaOf(route.query, 'input') as { properties?: object; required?: string[] })
    : {};
  const queryParameters = Object.entries(query.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: query.required?.includes(name) ?? false,
    schema,
  }));
  return {
    summary: route.summary,
    ...(route.access !== 'public' && { security: [{ session: [] }], 'x-access': route.access }),
    parameters: [...pathParameters, ...queryParameters],
    ...(route.body && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
      },
    }),
    responses: {
      '200': {
        description: route.stream ? 'Événements `progress`, puis `result` ou `problem`' : 'Succès',
        content: {
          [route.stream ? 'text/event-stream' : 'application/json']: {
            schema: schemaOf(route.response, 'output'),
          },
        },
      },
      default: {
        description: 'Problème (RFC 9457)',
        content: { 'application/problem+json': { schema: schemaOf(ProblemDetails, 'output') } },
      },
    },
  };
}

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
}
