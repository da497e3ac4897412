/**
 * Who is calling the tab API and what they may open: the bearer token names a person, group data
 * needs an active membership of the group or the secretariat, and secretariat actions the latter.
 */
import type { Request } from 'restify';
import type { Group } from '../domain/model';
import type { ActorRole } from '../domain/roles';
import { TabAuthError, bearerToken, type TabIdentity } from './auth';
import { HttpError } from './http';
import type { TabRouteDeps } from './route-deps';
import type { Viewer } from './views';

export class TabAccess {
  constructor(private readonly deps: Pick<TabRouteDeps, 'auth' | 'people' | 'roles' | 'groups'>) {}

  /** The caller of a request (401 without a valid bearer token). */
  async identify(req: Request): Promise<TabIdentity> {
    try {
      return await this.deps.auth.verify(bearerToken(req.headers.authorization));
    } catch (error) {
      if (error instanceof TabAuthError)
        throw new HttpError(401, { error: 'unauthorized', reason: error.reason });
      throw error;
    }
  }

  async viewerOf(identity: TabIdentity): Promise<Viewer & { roles: ActorRole[] }> {
    const person = await this.deps.people.getPerson(identity.personId);
    const roles = await this.deps.roles.rolesOf(identity.personId);
    const name = person ? (person.anonymisedAt ? '?' : person.name) : (identity.name ?? identity.personId);
    return { personId: identity.personId, name, isSecretariat: roles.includes('administer'), roles };
  }

  /** The group, if the caller is an active member of it or the secretariat (403 otherwise). */
  async authorisedGroup(req: Request, identity: TabIdentity): Promise<Group> {
    const groupId = String(req.params.groupId ?? '');
    const roles = await this.deps.roles.rolesOf(identity.personId, groupId);
    if (!roles.includes('member') && !roles.includes('administer')) {
      throw new HttpError(403, { error: 'forbidden', reason: 'not-a-member' });
    }
    const group = await this.deps.groups.getGroup(groupId);
    if (!group) throw new HttpError(404, { error: 'not-found', reason: 'group' });
    return group;
  }

  async requireSecretariat(identity: TabIdentity): Promise<void> {
    if (!(await this.deps.roles.rolesOf(identity.personId)).includes('administer')) {
      throw new HttpError(403, { error: 'forbidden', reason: 'secretariat-only' });
    }
  }
}
