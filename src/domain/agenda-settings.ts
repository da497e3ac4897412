/**
 * Each body's own agenda settings: its standard agenda, annual wheel, whether it has an inspiration
 * talk, and its deadline offsets. Three layers, the first that sets a field wins:
 *   1. the body's entry in `bodies` (by id);
 *   2. `bodyKinds.<kind>` (all bodies of that kind, and the working groups, which are created by
 *      the bot and so are not in the file: a group the file does not list is a working group);
 *   3. the top-level `standardAgenda`, `annualWheel` and `deadlines`: the default.
 * A field is inherited whole (a body's `annualWheel` replaces the wheel, quarters it leaves out are
 * empty), except `deadlines`, which is inherited offset by offset. `inspirationTalk: false` drops
 * the item with role 'inspiration'; a body has a talk only when its agenda has that item.
 *
 * Structural on purpose: governance.ts (the schema) validates with these rules, so this module
 * imports nothing from it (no import cycle).
 */
export const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
export type Quarter = (typeof QUARTERS)[number];

export interface DeadlineOffsets {
  agendaProposalsDays: number;
  statusReportsDays: number;
  detailedAgendaDays: number;
  headsUpDaysBeforeDeadline: number;
}

interface ItemLike {
  id: string;
  role?: 'inspiration' | 'proposals';
}

export type Wheel<W> = Record<Quarter, W[]>;

/** What a body entry or a `bodyKinds` entry may set (all optional). */
export interface AgendaOverrides<S extends ItemLike, W extends ItemLike> {
  standardAgenda?: S[];
  annualWheel?: Wheel<W>;
  inspirationTalk?: boolean;
  deadlines?: Partial<DeadlineOffsets>;
}

export interface AgendaScopes<S extends ItemLike, W extends ItemLike> {
  standardAgenda: S[];
  annualWheel: Wheel<W>;
  deadlines: DeadlineOffsets;
  bodies: ReadonlyArray<AgendaOverrides<S, W> & { id: string; kind: string }>;
  bodyKinds?: Partial<Record<string, AgendaOverrides<S, W>>>;
}

/** The settings a body's meetings use. */
export interface ResolvedAgenda<S extends ItemLike, W extends ItemLike> {
  standardAgenda: S[];
  annualWheel: Wheel<W>;
  /** True when the body's agenda has the inspiration talk (and so a rotating presenter). */
  inspirationTalk: boolean;
  deadlines: DeadlineOffsets;
}

type Path = (string | number)[];

interface Scope<S extends ItemLike, W extends ItemLike> {
  /** Where the scope is in the file: [] for the top level, ['bodies', 1], ['bodyKinds', 'reference']. */
  path: Path;
  own: AgendaOverrides<S, W>;
  /** The scopes it inherits from, nearest first. */
  parents: Array<{ path: Path; own: AgendaOverrides<S, W> }>;
}

function layersOf<S extends ItemLike, W extends ItemLike>(
  scopes: AgendaScopes<S, W>,
  groupId: string | undefined,
  kind: string | undefined,
): Array<{ path: Path; own: AgendaOverrides<S, W> }> {
  const index = groupId === undefined ? -1 : scopes.bodies.findIndex((body) => body.id === groupId);
  const body = index >= 0 ? scopes.bodies[index] : undefined;
  const bodyKind = body?.kind ?? kind ?? (groupId === undefined ? undefined : 'working');
  const layers: Array<{ path: Path; own: AgendaOverrides<S, W> }> = [];
  if (body) layers.push({ path: ['bodies', index], own: body });
  const byKind = bodyKind === undefined ? undefined : scopes.bodyKinds?.[bodyKind];
  if (byKind) layers.push({ path: ['bodyKinds', bodyKind!], own: byKind });
  layers.push({ path: [], own: scopes });
  return layers;
}

function first<L, T>(layers: Array<{ own: L }>, pick: (own: L) => T | undefined): T | undefined {
  for (const layer of layers) {
    const value = pick(layer.own);
    if (value !== undefined) return value;
  }
  return undefined;
}

function resolveLayers<S extends ItemLike, W extends ItemLike>(
  layers: Array<{ own: AgendaOverrides<S, W> }>,
): ResolvedAgenda<S, W> {
  const agenda = first(layers, (own) => own.standardAgenda) ?? [];
  const wheel = first(layers, (own) => own.annualWheel);
  const talkWanted = first(layers, (own) => own.inspirationTalk) ?? true;
  const deadlines = {} as DeadlineOffsets;
  for (const key of DEADLINE_KEYS) deadlines[key] = first(layers, (own) => own.deadlines?.[key]) ?? 0;
  const standardAgenda = talkWanted ? agenda : agenda.filter((item) => item.role !== 'inspiration');
  return {
    standardAgenda,
    annualWheel: { Q1: wheel?.Q1 ?? [], Q2: wheel?.Q2 ?? [], Q3: wheel?.Q3 ?? [], Q4: wheel?.Q4 ?? [] },
    inspirationTalk: standardAgenda.some((item) => item.role === 'inspiration'),
    deadlines,
  };
}

const DEADLINE_KEYS = [
  'agendaProposalsDays',
  'statusReportsDays',
  'detailedAgendaDays',
  'headsUpDaysBeforeDeadline',
] as const;

const resolvedMemo = new WeakMap<object, Map<string, unknown>>();

/**
 * The agenda settings of a group's meetings. A group the file does not list takes `kind` (default
 * 'working'); without `groupId` and `kind`, the top-level default. Memoised per governance object (the
 * scan asks for every meeting); the result is shared, so treat it as read-only.
 */
export function resolveAgenda<S extends ItemLike, W extends ItemLike>(
  scopes: AgendaScopes<S, W>,
  groupId?: string,
  kind?: string,
): ResolvedAgenda<S, W> {
  let byKey = resolvedMemo.get(scopes);
  if (!byKey) {
    byKey = new Map();
    resolvedMemo.set(scopes, byKey);
  }
  const key = `${groupId ?? ''}\u0000${kind ?? ''}`;
  let resolved = byKey.get(key) as ResolvedAgenda<S, W> | undefined;
  if (!resolved) {
    resolved = Object.freeze(resolveLayers(layersOf(scopes, groupId, kind)));
    byKey.set(key, resolved);
  }
  return resolved;
}

/** The most days before a meeting that any of its moments lies (the scan's look-ahead). */
export function longestLeadDays<S extends ItemLike, W extends ItemLike>(scopes: AgendaScopes<S, W>): number {
  const all = [
    resolveAgenda(scopes),
    ...Object.keys(scopes.bodyKinds ?? {}).map((kind) => resolveAgenda(scopes, undefined, kind)),
    ...scopes.bodies.map((body) => resolveAgenda(scopes, body.id)),
  ];
  return Math.max(
    ...all.map(
      ({ deadlines: d }) =>
        Math.max(d.agendaProposalsDays, d.statusReportsDays) + d.headsUpDaysBeforeDeadline,
    ),
  );
}

// ---- validation: each scope's effective settings, the problem named at the field that causes it.

export interface SettingsIssue {
  path: Path;
  message: string;
  input?: unknown;
}

function scopesOf<S extends ItemLike, W extends ItemLike>(scopes: AgendaScopes<S, W>): Scope<S, W>[] {
  const top = { path: [] as Path, own: scopes as AgendaOverrides<S, W> };
  const kinds = Object.entries(scopes.bodyKinds ?? {}).flatMap(([kind, own]) =>
    own ? [{ path: ['bodyKinds', kind] as Path, own, parents: [top] }] : [],
  );
  const bodies = scopes.bodies.map((body, index) => {
    const byKind = kinds.find((scope) => scope.path[1] === body.kind);
    return { path: ['bodies', index] as Path, own: body, parents: byKind ? [byKind, top] : [top] };
  });
  return [{ ...top, parents: [] }, ...kinds, ...bodies];
}

/** Where a field comes from for a scope: its own path, or the nearest parent that sets it. */
function origin<S extends ItemLike, W extends ItemLike>(
  scope: Scope<S, W>,
  field: keyof AgendaOverrides<S, W>,
): Path | undefined {
  return [scope, ...scope.parents].find((layer) => layer.own[field] !== undefined)?.path;
}

/** `['bodies', 1, 'standardAgenda', 0]` -> `bodies[1].standardAgenda[0]`. */
function pathText(path: Path): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${part}`)).join('');
}

/** Item ids are unique in a scope's agenda and wheel; a clash is named at the scope's own item. */
function duplicateIdIssues(lists: Array<{ own: boolean; items: Array<{ id: string; path: Path }> }>) {
  const issues: SettingsIssue[] = [];
  const seen = new Map<string, string>();
  // Inherited items first, so a clash with an inherited item is named at the body's own one.
  for (const { items } of [...lists].sort((a, b) => Number(a.own) - Number(b.own))) {
    for (const { id, path } of items) {
      const earlier = seen.get(id);
      if (earlier === undefined) seen.set(id, pathText(path.slice(0, -1)));
      else
        issues.push({
          path,
          message: `expected a unique agenda item id (already used by ${earlier})`,
          input: id,
        });
    }
  }
  return issues;
}

function itemIssues<S extends ItemLike, W extends ItemLike>(scope: Scope<S, W>): SettingsIssue[] {
  const resolved = resolveLayers([scope, ...scope.parents]);
  const agendaPath = [...(origin(scope, 'standardAgenda') ?? []), 'standardAgenda'];
  const agenda = first([scope, ...scope.parents], (own) => own.standardAgenda) ?? [];
  const wheelPath = [...(origin(scope, 'annualWheel') ?? []), 'annualWheel'];
  const issues = duplicateIdIssues([
    {
      own: scope.own.standardAgenda !== undefined,
      items: agenda.map((item, index) => ({ id: item.id, path: [...agendaPath, index, 'id'] })),
    },
    {
      own: scope.own.annualWheel !== undefined,
      items: QUARTERS.flatMap((quarter) =>
        resolved.annualWheel[quarter].map((item, index) => ({
          id: item.id,
          path: [...wheelPath, quarter, index, 'id'],
        })),
      ),
    },
  ]);
  for (const role of ['inspiration', 'proposals'] as const) {
    if (agenda.filter((item) => item.role === role).length > 1)
      issues.push({ path: agendaPath, message: `expected at most one item with role ${role}` });
  }
  if (scope.own.inspirationTalk === true && !resolved.inspirationTalk) {
    issues.push({
      path: [...scope.path, 'inspirationTalk'],
      message: 'expected false, or a standard agenda with an item with role inspiration',
      input: true,
    });
  }
  return issues;
}

function deadlineIssues<S extends ItemLike, W extends ItemLike>(scope: Scope<S, W>): SettingsIssue[] {
  if (!scope.own.deadlines) return [];
  const { agendaProposalsDays, statusReportsDays, detailedAgendaDays } = resolveLayers([
    scope,
    ...scope.parents,
  ]).deadlines;
  if (detailedAgendaDays < Math.min(agendaProposalsDays, statusReportsDays)) return [];
  const path = [...scope.path, 'deadlines'];
  if (scope.own.deadlines.detailedAgendaDays !== undefined) {
    return [
      {
        path: [...path, 'detailedAgendaDays'],
        message:
          'expected fewer days than the proposal and status-report deadlines (the agenda is built after them)',
        input: detailedAgendaDays,
      },
    ];
  }
  const field = agendaProposalsDays <= detailedAgendaDays ? 'agendaProposalsDays' : 'statusReportsDays';
  return [
    {
      path: [...path, field],
      message: `expected more days than detailedAgendaDays (${detailedAgendaDays}): the agenda is built after this deadline`,
    },
  ];
}

/**
 * Every problem of the agenda settings, checked on each scope's effective settings (so an item id
 * a body's own agenda shares with the wheel it inherits is found); each problem once, named by the
 * path of the field that causes it.
 */
export function agendaSettingsIssues<S extends ItemLike, W extends ItemLike>(
  scopes: AgendaScopes<S, W>,
): SettingsIssue[] {
  const byPath = new Map<string, SettingsIssue>();
  for (const scope of scopesOf(scopes)) {
    for (const issue of [...itemIssues(scope), ...deadlineIssues(scope)]) {
      const key = `${issue.path.join('.')}\u0000${issue.message}`;
      if (!byPath.has(key)) byPath.set(key, issue);
    }
  }
  return [...byPath.values()];
}
