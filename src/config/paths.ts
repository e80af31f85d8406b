import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the checkout's own files are, computed once from this file's place (src/config/), so that no
 * other module counts `..` segments. Everything here is read-only input shipped with the code.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The checkout's folders and files the server reads. */
export const PATHS = {
  /** SDL files, one per domain (schema/*.graphql). */
  schemaDir: path.join(REPO_ROOT, 'schema'),
  /** The seed data set `npm start` loads into an empty database. */
  seedDir: path.join(REPO_ROOT, 'seed'),
  /** The SDK's trusted-documents manifest, as codegen writes it (default of TRUSTED_DOCUMENTS_MANIFEST). */
  trustedDocumentsManifest: path.join(REPO_ROOT, 'client', 'src', '__generated__', 'persisted-documents.json'),
} as const;
