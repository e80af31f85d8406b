// Document transform for codegen.yml: adds `__typename` to every selection set of the SDK's documents, so
// the trusted-documents manifest carries it and Apollo Client's cache can normalise results it gets by hash.
'use strict';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { addTypenameSelectionDocumentTransform } = require('@graphql-codegen/client-preset');

exports.transform = addTypenameSelectionDocumentTransform.transform;
