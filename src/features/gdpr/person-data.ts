/**
 * What another part of the bot holds about a person, as the GDPR export and erasure reach it. The
 * features that keep records written by or about a person (proposals, hearings and votes, status
 * reports, the meeting record) each offer one, and the composition root hands them to the GDPR
 * service in order, the store-wide name scrub and the store's compaction last. Why this way round:
 * the GDPR feature must not import the features (several of them import it for `displayName`).
 */

/** One erasure as the holders see it. */
export interface Erasure {
  personId: string;
  /** Every name the person is known by in the store: the register's and the copies holders keep. */
  names: string[];
  /** The stored (Danish) pseudonym that takes the name's place. */
  pseudonym: string;
}

export interface PersonDataHolder {
  /** The export's section for what this holder keeps (e.g. `votes`); none: it exports nothing. */
  readonly section?: string;
  /** The records written by or about the person, as stored (article 15). */
  exportOf?(personId: string): Promise<unknown[]>;
  /** Names kept as copies beside the person's id (a proposer's or voter's display name at the time). */
  namesOf?(personId: string): Promise<string[]>;
  /**
   * Rewrites what it holds: the person's name copies become the pseudonym, their own free text
   * (comments, notes) goes; decisions, votes and counts stay. Must be safe to run again.
   */
  erase(erasure: Erasure): Promise<void>;
}
