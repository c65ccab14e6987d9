export { SshCommunicator } from './communicator.ts';
export {
  COMMUNICATOR_SETTINGS,
  type CommunicatorConfig,
  readCommunicatorSettings,
  type SshBastionConfig,
  type SshConfig,
  type TemporaryKeyPairType,
} from './config.ts';
export { connectSsh, describeLogin, type SshConnection, type SshLogin, type SshTarget } from './connect.ts';
export { openSshCommunicator, resolveSshTarget, type SshEndpoint } from './open.ts';
export {
  CLEAR_TEMPORARY_KEY_STEP,
  clearAuthorizedKeysStep,
  clearTemporaryKey,
  TEMPORARY_KEY_SECRET,
  TEMPORARY_KEY_STEP,
  temporaryKeyEndpoint,
  temporaryKeyPairStep,
} from './temporary-key.ts';
