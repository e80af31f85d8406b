// GraphiQL, bundled: the editors' workers, fonts and styles are our own assets, and the schema is the
// SDL of this build, so the docs pane and the explorer work with introspection off and the network down.
import './setup-workers.js';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './graphiql.css';

import { explorerPlugin } from '@graphiql/plugin-explorer';
import type { Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { buildSchema } from 'graphql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import sdl from '../../../schema.graphql?raw';
import { withDocumentId } from '../shared/trusted-fetch.js';
import { exampleTabs } from './examples.js';

const schema = buildSchema(sdl);
const endpoint = new URL('/graphql', window.location.href).toString();

// Sends what the editors hold; an SDK document also carries its trusted-document id, so the example
// tabs run against a server in trusted-documents mode too.
const fetcher: Fetcher = async (params, options) => {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(options?.headers ?? {}) },
    body: JSON.stringify(
      withDocumentId({
        query: params.query,
        operationName: params.operationName,
        variables: params.variables as Record<string, unknown> | undefined,
      }),
    ),
  });
  return (await response.json()) as Record<string, unknown>;
};

const params = new URLSearchParams(window.location.search);
const initialQuery = params.get('query');
const defaultTabs = [
  ...(initialQuery ? [{ query: initialQuery, variables: params.get('variables') ?? undefined }] : []),
  ...exampleTabs.map((tab) => ({ query: tab.query, variables: tab.variables })),
];

const root = document.getElementById('graphiql');
if (!root) throw new Error('graphiql.html has no #graphiql element');
createRoot(root).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      schema={schema}
      plugins={[explorerPlugin()]}
      defaultTabs={defaultTabs}
      defaultHeaders={JSON.stringify({ 'x-api-key': '' }, null, 2)}
      isHeadersEditorEnabled
      defaultEditorToolsVisibility="headers"
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>
        <a href="/" className="sg-logo">
          sanctions-graph
        </a>
      </GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
