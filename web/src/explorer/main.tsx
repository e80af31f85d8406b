import './explorer.css';

import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { createExplorerClient } from './apollo.js';
import { App } from './app.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={createExplorerClient()}>
      <App />
    </ApolloProvider>
  </StrictMode>,
);
