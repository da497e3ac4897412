/**
 * Files a user sends the bot in personal chat (Teams file attachments). Teams gives each as an
 * attachment of type `application/vnd.microsoft.teams.file.download.info` with the file's place
 * (`contentUrl`), name and `{ downloadUrl, uniqueId, fileType }`. Only the reference and metadata
 * go to the features: the short-lived `downloadUrl` (a pre-authorised link to the bytes) is left
 * out on purpose, so nothing can store or echo it.
 */
import type { Activity } from 'botbuilder';
import type { IncomingFile } from './feature';

export const TEAMS_FILE_CONTENT_TYPE = 'application/vnd.microsoft.teams.file.download.info';

/** The most files one message is read for (Teams sends a handful; anything more is not a person). */
const MAX_FILES = 10;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The file attachments of a personal-chat message, as the features' own type. */
export function incomingFilesOf(activity: Activity): IncomingFile[] {
  if (activity.conversation?.conversationType !== 'personal') return [];
  return (activity.attachments ?? [])
    .filter((attachment) => attachment.contentType === TEAMS_FILE_CONTENT_TYPE)
    .slice(0, MAX_FILES)
    .map((attachment) => {
      const content = (attachment.content ?? {}) as Record<string, unknown>;
      return {
        name: text(attachment.name),
        contentUrl: text(attachment.contentUrl),
        uniqueId: text(content.uniqueId),
        fileType: text(content.fileType),
      };
    });
}
