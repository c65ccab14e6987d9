/** HCP Packer's bucket names: 1-36 letters, digits and dashes, starting and ending with a letter or digit. */
const BUCKET_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,34}[a-zA-Z0-9])?$/;

export const BUCKET_NAME_RULE =
  'use 1-36 letters, digits and dashes, starting and ending with a letter or digit';

export function isValidBucketName(name: string): boolean {
  return BUCKET_NAME.test(name);
}
