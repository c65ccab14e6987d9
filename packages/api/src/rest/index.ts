export { parseBasicCredentials } from './basic-auth.ts';
export { HTTP_STATUS } from './errors.ts';
export { handleRestRequest, type RestDeps } from './handle-rest-request.ts';
export { toTerraformState } from './terraform-state.ts';
