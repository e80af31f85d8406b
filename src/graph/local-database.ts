import type { LocalNeo4jOptions } from '../../neo4j/local-neo4j.js';
import type { Config } from '../config/config.js';
import type { GraphClientOptions } from './graph-client.js';

/** Options of the bundled local Neo4j, from the configuration. */
export function localNeo4jOptions(config: Config): LocalNeo4jOptions {
  const local = config.localNeo4j;
  return {
    dir: local.dir,
    host: local.boltHost,
    port: local.boltPort,
    password: config.neo4j.password,
    heapMb: local.heapMb,
    pageCacheMb: local.pageCacheMb,
    txMemoryMb: local.txMemoryMb,
    javaHome: local.javaHome,
  };
}

/** Driver and admission options from the configuration. */
export function graphClientOptions(config: Config): GraphClientOptions {
  return { ...config.neo4j, admission: config.admission };
}
