import fc from 'fast-check';

/** Keys that pollute a prototype when merged carelessly, and keys that sound like privileges or sensitive data. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'role',
  'isAdmin',
  'userId',
  'nir',
  'sexe',
] as const;

/** Texts that have broken servers: NUL, lone surrogates, bidi overrides, injections of other languages. */
export const NASTY_TEXTS = [
  '\u0000',
  'cariste\u0000',
  '\ud800',
  'x\udfffy',
  '\u202eevil',
  '\u200b\ufeff',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell probe, meant literally
  '${jndi:ldap://x}',
  '{{7*7}}',
  '__proto__',
  '%00',
  '%',
  '\\',
  '../../etc/passwd',
  '\r\nSet-Cookie: x=y',
];

/** A JSON value written as `["@@deep:N@@"]` in the object, nested N levels in the text sent. */
const DEEP = /"@@deep:(\d+)@@"/g;
const deepPlaceholder = (depth: number) => `@@deep:${depth}@@`;

/** The JSON text of `value`, with deep placeholders expanded (JSON.stringify would overflow on them). */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  return text.replace(DEEP, (_, depth: string) => {
    const n = Number(depth);
    return n % 2 === 0 ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  });
}

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_TEXTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.integer({ min: 0xd800, max: 0xdfff }), { minLength: 1, maxLength: 5 })
      .map((units) => String.fromCharCode(...units)),
  },
  // Just past the contracts' limits, and past the body limit.
  { weight: 1, arbitrary: fc.integer({ min: 2001, max: 6000 }).map((n) => 'é'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 66_000, max: 90_000 }).map((n) => 'a'.repeat(n)) },
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, 0, -1, 1e308, -0, Number.MAX_SAFE_INTEGER + 2),
  fc.double(),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 200 }),
  fc.integer({ min: 50, max: 20_000 }).map(deepPlaceholder),
);

type Path = (string | number)[];

/** Every place in a JSON value, the root included. */
function placesOf(value: unknown, path: Path = []): Path[] {
  const inner =
    value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, child]) =>
          placesOf(child, [...path, Array.isArray(value) ? Number(key) : key]),
        )
      : [];
  return [path, ...inner];
}

function at(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, step) => (node as Record<string | number, unknown>)?.[step], root);
}

/** An own, enumerable property even for `__proto__`, so that JSON.stringify sends it. */
function setOwn(target: object, key: string | number, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

type Mutation =
  | { kind: 'drop'; place: number }
  | { kind: 'add'; place: number; key: string; value: unknown }
  | { kind: 'set'; place: number; value: unknown }
  /** A text of the valid body replaced by a hostile one, or with one around it. */
  | { kind: 'text'; place: number; text: string; how: 'replace' | 'prefix' | 'suffix' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), place: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    place: fc.nat(),
    key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 20 })),
    value: hostileValue,
  }),
  fc.record({ kind: fc.constant('set' as const), place: fc.nat(), value: hostileValue }),
  {
    // Texts are where the contracts' limits and the database's refusals are: most mutations go there.
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      place: fc.nat(),
      text: hostileString,
      how: fc.constantFrom('replace' as const, 'prefix' as const, 'suffix' as const),
    }),
  },
);

function apply(root: unknown, change: Mutation): unknown {
  if (change.kind === 'text') {
    const texts = placesOf(root).filter((path) => path.length > 0 && typeof at(root, path) === 'string');
    const path = texts[change.place % Math.max(1, texts.length)];
    if (!path) return root;
    const parent = at(root, path.slice(0, -1)) as Record<string | number, unknown>;
    const last = path.at(-1) as string | number;
    const valid = String(parent[last]);
    const changed = { replace: change.text, prefix: change.text + valid, suffix: valid + change.text };
    parent[last] = changed[change.how];
    return root;
  }
  const places = placesOf(root);
  const path = places[change.place % places.length] ?? [];
  if (path.length === 0) {
    // The root itself: replaced, or given a field.
    if (change.kind === 'set') return change.value;
    if (change.kind === 'add' && root !== null && typeof root === 'object')
      setOwn(root, change.key, change.value);
    return root;
  }
  const parent = at(root, path.slice(0, -1)) as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (change.kind === 'drop') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (change.kind === 'set') {
    setOwn(parent, last, change.value);
  } else {
    const target = at(root, path);
    if (Array.isArray(target)) target.push(change.value);
    else if (target !== null && typeof target === 'object') setOwn(target, change.key, change.value);
    else setOwn(parent, last, { [change.key]: change.value });
  }
  return root;
}

/**
 * Every text of a valid body (or query) replaced by each nasty text, and followed by it: the cases
 * random mutations reach only now and then, sent every time.
 */
export function everyTextSpoiled<T>(valid: T): T[] {
  const texts = placesOf(valid).filter((path) => path.length > 0 && typeof at(valid, path) === 'string');
  return texts.flatMap((path) =>
    NASTY_TEXTS.flatMap((nasty) =>
      (['replace', 'suffix'] as const).map(
        (how) =>
          apply(structuredClone(valid), { kind: 'text', place: texts.indexOf(path), text: nasty, how }) as T,
      ),
    ),
  );
}

/** A valid body changed by one to three mutations: fields dropped, added, or given hostile values. */
export function mutationsOf(valid: unknown): fc.Arbitrary<unknown> {
  return fc
    .array(mutation, { minLength: 1, maxLength: 3 })
    .map((changes) => changes.reduce((body, change) => apply(body, change), structuredClone(valid)));
}

/** Query values as a browser or a script could send them: one value, or the key repeated. */
const hostileQueryValue = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ...NASTY_TEXTS,
      '',
      ' ',
      '-1',
      '1e9',
      'NaN',
      'Infinity',
      '0x10',
      '2026-02-30',
      '9999-99-99',
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 100 }) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 3000 }).map((n) => 'z'.repeat(n)) },
);

export const queryValue: fc.Arbitrary<string | string[]> = fc.oneof(
  hostileQueryValue,
  fc.array(hostileQueryValue, { minLength: 2, maxLength: 4 }),
);

const queryKey = fc.oneof(
  fc.constantFrom(...HOSTILE_KEYS, 'q[a]', 'q[]', 'limit[$gt]', 'team[]', 'a.b', ''),
  fc.string({ maxLength: 12 }),
);

export const arbitraryQuery = fc.dictionary(queryKey, queryValue, { maxKeys: 5 });

/** A valid query changed by one to three mutations. */
export function queryMutationsOf(
  valid: Record<string, string>,
): fc.Arbitrary<Record<string, string | string[]>> {
  const known = fc.constantFrom(...Object.keys(valid), 'q');
  const change = fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), key: known }),
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), key: known, value: queryValue }) },
    fc.record({ kind: fc.constant('set' as const), key: queryKey, value: queryValue }),
  );
  return fc.array(change, { minLength: 1, maxLength: 3 }).map((changes) => {
    const query: Record<string, string | string[]> = { ...valid };
    for (const c of changes) {
      if (c.kind === 'drop') delete query[c.key];
      else setOwn(query, c.key, c.value);
    }
    return query;
  });
}

/** Bodies that are not JSON, or JSON sent as something else, or broken on the way. */
export const rawBody = (validJson: string) =>
  fc.record({
    contentType: fc.constantFrom(
      undefined,
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/json; charset=nope',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/octet-stream',
      'application/problem+json',
    ),
    body: fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.nat({ max: Math.max(0, validJson.length - 1) }).map((cut) => validJson.slice(0, cut)),
      fc.constantFrom(
        'null',
        '[]',
        '"texte"',
        '42',
        '{"a":1,}',
        "{'a':1}",
        '\ufeff{}',
        `\ufeff${validJson}`,
        `${validJson}garbage`,
      ),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => new Uint8Array(bytes)),
    ),
  });
