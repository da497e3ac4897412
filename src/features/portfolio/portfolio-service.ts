/**
 * The initiative portfolio: creating and editing initiatives. Who may: the secretariat, or a member
 * of the owning reference group. Input comes from a card as text; every field is validated and each
 * problem is returned as a catalogue key per field, so the card can show the reason next to the
 * field and keep what was typed.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../domain/clock';
import type { Group, Locale, TrafficLight } from '../../domain/model';
import type { MessageKey } from '../../platform/i18n';
import { AlreadyExistsError } from '../../platform/storage/port';
import type { Financing, Initiative, InitiativeRepository } from './initiatives-repository';
import { parseLocalDate } from '../meetings';
import type { AuditLog, GroupRegistry } from '../../domain/ports';
import type { ActorRole } from '../../domain/roles';
import { localText } from '../../domain/localized-text';

export type { Initiative, Financing } from './initiatives-repository';

/** Roles of a person for a group (RoleResolver fits). */
export interface RoleSource {
  rolesOf(personId: string | undefined, groupId?: string): Promise<ActorRole[]>;
}

export interface PortfolioActor {
  id: string;
  name?: string;
}

/** What the initiative card sends: text as typed. */
export interface InitiativeInput {
  groupId?: unknown;
  title?: unknown;
  responsible?: unknown;
  status?: unknown;
  statusReason?: unknown;
  phase?: unknown;
  startDate?: unknown;
  endDate?: unknown;
  financing?: unknown;
  budgetedKr?: unknown;
  spentKr?: unknown;
  closed?: unknown;
}

export type FieldErrors = Partial<Record<string, MessageKey>>;

export type SaveInitiativeResult =
  | { kind: 'saved'; initiative: Initiative; created: boolean }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'forbidden' }
  | { kind: 'not-found' };

export const TRAFFIC_LIGHTS: readonly TrafficLight[] = ['green', 'yellow', 'red'];

/** A fresh id for an initiative card (the card carries it, so a re-sent submit creates once). */
export function newInitiativeId(): string {
  return `i-${randomBytes(6).toString('hex')}`;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/**
 * Whole kroner as typed: "1.500.000", "1 500 000", "1500000 kr." are 1500000. Decimals (","), signs
 * and anything else are refused: budget amounts are integers so sums stay exact.
 */
export function parseKroner(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  const text = textOf(value)
    .toLowerCase()
    .replace(/\s*kr\.?$/, '')
    .replace(/^kr\.?\s*/, '')
    .replace(/[\s\u00a0]/g, '');
  if (!/^\d{1,3}(\.\d{3})*$|^\d+$/.test(text)) return undefined;
  const amount = Number(text.replace(/\./g, ''));
  return Number.isSafeInteger(amount) ? amount : undefined;
}

export class PortfolioService {
  constructor(
    private readonly initiatives: InitiativeRepository,
    private readonly groups: Pick<GroupRegistry, 'listGroups' | 'getGroup'>,
    private readonly roles: RoleSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The active reference groups, by id. */
  async referenceGroups(): Promise<Group[]> {
    return (await this.groups.listGroups())
      .filter((group) => group.kind === 'reference' && group.status === 'active')
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /** A group's display name (undefined for an unknown group). */
  async groupName(groupId: string, locale: Locale): Promise<string | undefined> {
    return localText((await this.groups.getGroup(groupId))?.name, locale) || undefined;
  }

  /** The secretariat, or a member/chair of the owning reference group. */
  async mayEdit(actorId: string, groupId: string): Promise<boolean> {
    const roles = await this.roles.rolesOf(actorId, groupId);
    return roles.includes('administer') || roles.includes('member') || roles.includes('chair');
  }

  get(groupId: string, initiativeId: string): Promise<Initiative | undefined> {
    return this.initiatives.get(groupId, initiativeId);
  }

  /** Initiatives of one reference group, or of all of them. */
  async list(groupId?: string): Promise<Initiative[]> {
    const groupIds = groupId ? [groupId] : (await this.referenceGroups()).map((group) => group.id);
    return (await Promise.all(groupIds.map((id) => this.initiatives.ofGroup(id)))).flat();
  }

  /** Creates (when no initiative with `initiativeId` exists in the group) or edits it. */
  async save(
    actor: PortfolioActor,
    initiativeId: string,
    input: InitiativeInput,
  ): Promise<SaveInitiativeResult> {
    const groupId = textOf(input.groupId);
    const checked = await this.checkSave(actor, groupId, initiativeId, input);
    if (checked.kind !== 'valid') return checked;
    const now = this.clock.now().toISOString();
    const { saved, created } = await this.store(actor, groupId, initiativeId, checked.parsed, now);
    await this.audit.append({
      at: now,
      actorId: actor.id,
      action: created ? 'initiative.created' : 'initiative.updated',
      subject: `initiative:${groupId}/${initiativeId}`,
      details: {
        title: saved.title,
        status: saved.status,
        budgetedKr: saved.budgetedKr,
        spentKr: saved.spentKr,
      },
    });
    return { kind: 'saved', initiative: saved, created };
  }

  /**
   * Whether the save may go ahead: an unknown group is a field error, a known one the actor may
   * not edit is refused outright (before the fields are read), then every field is checked.
   */
  private async checkSave(
    actor: PortfolioActor,
    groupId: string,
    initiativeId: string,
    input: InitiativeInput,
  ): Promise<{ kind: 'valid'; parsed: ParsedInitiative } | Exclude<SaveInitiativeResult, { kind: 'saved' }>> {
    const referenceGroups = await this.referenceGroups();
    const errors: FieldErrors = {};
    if (!referenceGroups.some((group) => group.id === groupId)) errors.groupId = 'portfolio.errorGroup';
    if (errors.groupId === undefined && !(await this.mayEdit(actor.id, groupId)))
      return { kind: 'forbidden' };
    const parsed = parseInitiativeFields(input, errors);
    if (!parsed || Object.keys(errors).length > 0) return { kind: 'invalid', errors };
    if (!/^[a-z0-9-]+$/.test(initiativeId)) return { kind: 'not-found' };
    return { kind: 'valid', parsed };
  }

  /** Creates the initiative, or edits it: an edit drops a cleared reason or closing date. */
  private async store(
    actor: PortfolioActor,
    groupId: string,
    initiativeId: string,
    parsed: ParsedInitiative,
    now: string,
  ): Promise<{ saved: Initiative; created: boolean }> {
    const existing = await this.initiatives.get(groupId, initiativeId);
    if (existing) {
      const saved = await this.initiatives.update(groupId, initiativeId, (current) => {
        const next: Initiative = { ...current, ...parsed, updatedBy: actor.id, updatedAt: now };
        if (parsed.statusReason === undefined) delete next.statusReason;
        if (parsed.closedOn === undefined) delete next.closedOn;
        return next;
      });
      return { saved, created: false };
    }
    try {
      const saved = await this.initiatives.create({
        id: initiativeId,
        groupId,
        ...parsed,
        closedOn: parsed.closedOn,
        createdBy: actor.id,
        createdAt: now,
        updatedBy: actor.id,
        updatedAt: now,
      });
      return { saved, created: true };
    } catch (error) {
      // A re-sent submit of the same card: the first one created it; treat this one as an edit.
      if (!(error instanceof AlreadyExistsError)) throw error;
      const saved = await this.initiatives.update(groupId, initiativeId, (current) => ({
        ...current,
        ...parsed,
        updatedBy: actor.id,
        updatedAt: now,
      }));
      return { saved, created: false };
    }
  }

  /** The latest status from a status report becomes the initiative's current status. */
  async recordReportedStatus(
    groupId: string,
    initiativeId: string,
    status: TrafficLight,
    reason: string | undefined,
    actorId: string,
  ): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.initiatives.update(groupId, initiativeId, (current) => {
      if (current.status === status && current.statusReason === reason) return undefined;
      const next: Initiative = { ...current, status, updatedBy: actorId, updatedAt: now };
      if (reason === undefined) delete next.statusReason;
      else next.statusReason = reason;
      return next;
    });
  }
}

type ParsedInitiative = Omit<
  Initiative,
  'id' | 'groupId' | 'createdBy' | 'createdAt' | 'updatedBy' | 'updatedAt'
>;

/** Pure: the typed fields of an initiative, or the reasons per field (added to `errors`). */
export function parseInitiativeFields(
  input: InitiativeInput,
  errors: FieldErrors = {},
): ParsedInitiative | undefined {
  const title = textOf(input.title);
  if (title === '' || title.length > 200) errors.title = 'portfolio.errorRequired';
  const responsible = textOf(input.responsible);
  if (responsible === '' || responsible.length > 200) errors.responsible = 'portfolio.errorRequired';
  const status = textOf(input.status) as TrafficLight;
  if (!TRAFFIC_LIGHTS.includes(status)) errors.status = 'portfolio.errorStatus';
  const statusReason = textOf(input.statusReason);
  if (status !== 'green' && statusReason === '') errors.statusReason = 'portfolio.errorReasonRequired';
  if (statusReason.length > 2000) errors.statusReason = 'portfolio.errorTooLong';
  const phase = textOf(input.phase);
  if (phase === '' || phase.length > 100) errors.phase = 'portfolio.errorRequired';
  const startDate = parseLocalDate(textOf(input.startDate));
  if (!startDate) errors.startDate = 'portfolio.errorDate';
  const endDate = parseLocalDate(textOf(input.endDate));
  if (!endDate) errors.endDate = 'portfolio.errorDate';
  else if (startDate && endDate < startDate) errors.endDate = 'portfolio.errorEndBeforeStart';
  const financing = textOf(input.financing) as Financing;
  if (financing !== 'buffet' && financing !== 'other') errors.financing = 'portfolio.errorFinancing';
  const budgetedKr = parseKroner(input.budgetedKr);
  if (budgetedKr === undefined) errors.budgetedKr = 'portfolio.errorKroner';
  const spentKr = textOf(input.spentKr) === '' ? 0 : parseKroner(input.spentKr);
  if (spentKr === undefined) errors.spentKr = 'portfolio.errorKroner';
  const closedText = textOf(input.closed);
  const closedOn = closedText === '' ? undefined : parseLocalDate(closedText);
  if (closedText !== '' && !closedOn) errors.closed = 'portfolio.errorDate';
  if (Object.keys(errors).length > 0) return undefined;
  const parsed: ParsedInitiative = {
    title,
    responsible,
    status,
    phase,
    startDate: startDate!,
    endDate: endDate!,
    financing,
    budgetedKr: budgetedKr!,
    spentKr: spentKr!,
  };
  if (status !== 'green') parsed.statusReason = statusReason;
  if (closedOn) parsed.closedOn = closedOn;
  return parsed;
}
