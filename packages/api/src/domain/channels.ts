import { KilnError } from '../errors.ts';
import { INCOMPLETE_VERSION_NAME, revocationState } from './versions.ts';

export const LATEST_CHANNEL = 'latest';

const CHANNEL_NAME = /^[a-z0-9]([a-z0-9-]{0,34}[a-z0-9])?$/;

export function assertValidChannelName(name: string): void {
  if (!CHANNEL_NAME.test(name)) {
    throw new KilnError(
      'INVALID',
      `channel name "${name}" is invalid: use 1-36 lowercase letters, digits and dashes, starting and ending with a letter or digit`,
    );
  }
}

/** Users create channels; `latest` is reserved for the managed channel every bucket has. */
export function assertUserMayCreateChannel(name: string): void {
  assertValidChannelName(name);
  if (name === LATEST_CHANNEL) {
    throw new KilnError(
      'CONFLICT',
      `channel "${LATEST_CHANNEL}" is managed by Kiln and exists in every bucket`,
    );
  }
}

export interface AssignableChannel {
  name: string;
  managed: boolean;
}

export interface AssignableVersion {
  id: string;
  name: string;
  status: 'running' | 'active' | 'failed';
  revokeAt: Date | null;
  revocationMessage: string | null;
}

/** The rules for a user assigning `version` to `channel`. Throws a KilnError naming the rule broken. */
export function assertUserMayAssign(channel: AssignableChannel, version: AssignableVersion, now: Date): void {
  if (channel.managed) {
    throw new KilnError(
      'PRECONDITION_FAILED',
      `channel "${channel.name}" is managed by Kiln: it follows the newest complete version and cannot be assigned`,
    );
  }
  if (version.status !== 'active' || version.name === INCOMPLETE_VERSION_NAME) {
    throw new KilnError(
      'PRECONDITION_FAILED',
      `version ${version.id} is not complete (status ${version.status}); only complete versions can be assigned to channel "${channel.name}"`,
    );
  }
  if (revocationState(version.revokeAt, now) === 'revoked') {
    const reason = version.revocationMessage ? `: ${version.revocationMessage}` : '';
    throw new KilnError(
      'PRECONDITION_FAILED',
      `version ${version.name} (${version.id}) is revoked and cannot be assigned to channel "${channel.name}"${reason}`,
    );
  }
}
