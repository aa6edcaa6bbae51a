import { manifest } from '../../shared/manifest';
import { API_ROUTES, buildOpenApiDocument } from '../../shared/openapi';

interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: unknown }> }>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  security: Array<Record<string, unknown>>;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { required?: string[]; additionalProperties?: unknown; properties?: object }>;
    securitySchemes: Record<string, unknown>;
  };
}

const doc = buildOpenApiDocument() as Document;

/** The routes of issue 4, plus the meta routes and the workflow's graph (issue 9). */
const EXPECTED_ROUTES = [
  'GET /api/health',
  'GET /api/me',
  'GET /api/statistics',
  'GET /api/openapi.json',
  'GET /api/workflow',
  'POST /api/cases',
  'GET /api/cases',
  'GET /api/cases/{caseId}',
  'POST /api/cases/{caseId}/withdraw',
  'GET /api/cases/{caseId}/audit',
  'GET /api/tasks',
  'GET /api/tasks/{taskId}',
  'POST /api/tasks/{taskId}/complete',
  'GET /api/funds',
  'GET /api/funds/{fundId}',
  'GET /api/funds/{fundId}/ledger',
  'POST /api/funds/{fundId}/contributions',
];

const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    key: `${method.toUpperCase()} ${path}`,
    path,
    operation,
  })),
);

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.push(inner);
      else refsIn(inner, found);
    }
  }
  return found;
}

describe('the OpenAPI document', () => {
  it('is an OpenAPI 3.1 document with a title, a version and bearer JWT security', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Retorno API', version: expect.any(String) });
    expect(doc.components.securitySchemes.bearerAuth).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
    );
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
  });

  it('lists every route of the API, and nothing else', () => {
    expect(operations.map((op) => op.key).sort()).toEqual([...EXPECTED_ROUTES].sort());
    expect(API_ROUTES.map((route) => `${route.method.toUpperCase()} ${route.path}`).sort()).toEqual(
      [...EXPECTED_ROUTES].sort(),
    );
  });

  it('documents every route of the manifest', () => {
    const documented = new Set(operations.map((op) => op.key));
    for (const route of manifest.routes) expect(documented).toContain(`${route.method} ${route.path}`);
  });

  it('needs a token everywhere except health and the document itself', () => {
    const open = operations.filter(
      (op) => Array.isArray(op.operation.security) && op.operation.security.length === 0,
    );
    expect(open.map((op) => op.key).sort()).toEqual(['GET /api/health', 'GET /api/openapi.json']);
    expect(
      API_ROUTES.filter((route) => route.public)
        .map((route) => route.path)
        .sort(),
    ).toEqual(['/api/health', '/api/openapi.json']);
  });

  it('gives every operation a unique operationId', () => {
    const ids = operations.map((op) => op.operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares every path parameter as a required path parameter', () => {
    for (const { path, operation } of operations) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = (operation.parameters ?? []).filter((param) => param.in === 'path');
      expect(declared.map((param) => param.name).sort()).toEqual(names.sort());
      for (const param of declared) expect(param.required).toBe(true);
    }
  });

  it('resolves every $ref to a component', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) {
      const name = ref.replace('#/components/schemas/', '');
      expect(ref.startsWith('#/components/schemas/')).toBe(true);
      expect(doc.components.schemas[name]).toBeDefined();
    }
  });

  it('describes every answer, and every error answer with the {error, message, issues[]} body', () => {
    for (const { key, operation } of operations) {
      expect(Object.keys(operation.responses).some((status) => status.startsWith('2'))).toBe(true);
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(`${key} ${status}: ${response.description ?? ''}`).toMatch(/: \S/);
        if (Number(status) >= 400) {
          expect(response.content?.['application/json']?.schema).toEqual({
            $ref: '#/components/schemas/ErrorBody',
          });
        }
      }
    }
    expect(doc.components.schemas.ErrorBody?.required).toEqual(['error', 'message']);
  });

  it('answers 400 wherever a body or query is parsed, and 401 wherever a token is needed', () => {
    for (const { key, operation } of operations) {
      if (operation.requestBody) expect(`${key} ${Object.keys(operation.responses)}`).toContain('400');
      if (!Array.isArray(operation.security))
        expect(`${key} ${Object.keys(operation.responses)}`).toContain('401');
    }
  });

  it('documents the case request with its fixed field names, closed to unknown fields', () => {
    const body = doc.paths['/api/cases']?.post?.requestBody?.content['application/json']?.schema;
    expect(body).toEqual({ $ref: '#/components/schemas/CaseRequest' });
    const request = doc.components.schemas.CaseRequest;
    expect(request?.additionalProperties).toBe(false);
    expect(request?.required).toEqual(
      expect.arrayContaining([
        'migrant',
        'location',
        'returnTo',
        'route',
        'vulnerabilities',
        'needs',
        'consent',
        'costs',
      ]),
    );
    expect(Object.keys(doc.components.schemas.Costs?.properties ?? {})).toEqual([
      'transport',
      'escort',
      'lodging',
      'food',
      'documents',
      'medical',
      'other',
    ]);
    expect(doc.components.schemas.Migrant?.required).toEqual(
      expect.arrayContaining(['givenNames', 'familyNames', 'dateOfBirth', 'sex', 'nationality']),
    );
  });

  it('documents the Idempotency-Key header of case submission', () => {
    const params = doc.paths['/api/cases']?.post?.parameters ?? [];
    expect(params).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
    );
  });

  it('documents the overdue flag of every task and the overdue filter of the task list', () => {
    expect(doc.components.schemas.Task?.required).toContain('overdue');
    const query = doc.paths['/api/tasks']?.get?.parameters ?? [];
    expect(query.filter((param) => param.in === 'query').map((param) => param.name)).toEqual(
      expect.arrayContaining(['view', 'status', 'kind', 'overdue']),
    );
  });

  it("documents a failed case's failure and a closed case's reintegration summary in its detail", () => {
    const detail = doc.components.schemas.CaseDetail?.properties as Record<string, unknown>;
    expect(detail.failure).toEqual({ $ref: '#/components/schemas/CaseFailure' });
    expect(detail.reintegration).toEqual({ $ref: '#/components/schemas/ReintegrationSummary' });
    expect(doc.components.schemas.CaseFailure?.required).toEqual(['error', 'at']);
  });

  it('is plain JSON and the same every time it is built', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(buildOpenApiDocument()).toEqual(doc);
  });
});
