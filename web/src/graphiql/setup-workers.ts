// Monaco's workers for GraphiQL, as graphiql/setup-workers/vite sets them up, but from our own source:
// Vite's dev server pre-bundles packages and cannot follow a package's `?worker` imports, while it
// handles them in app code (and the build emits each worker as an asset of ours, no blob: URLs).
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker';
import GraphQLWorker from 'monaco-graphql/esm/graphql.worker.js?worker';

(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    switch (label) {
      case 'json':
        return new JsonWorker();
      case 'graphql':
        return new GraphQLWorker();
      default:
        return new EditorWorker();
    }
  },
};
