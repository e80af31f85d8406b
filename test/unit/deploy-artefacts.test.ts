/**
 * docker-compose.yml cannot run here (no Docker); this keeps it true by construction against
 * deploy/haproxy.cfg, which the replica test does run: the same servers, addresses, ports, health
 * checks and drain.
 */
import { readFileSync } from 'node:fs';

import { parse } from 'yaml';

import { REPLICA_DRAIN_ENV } from '../../scripts/lib/replica-set.js';
import { parseConfig } from '../../src/config/config.js';

interface Service {
  image?: string;
  build?: string;
  profiles?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
const haproxyCfg = readFileSync('deploy/haproxy.cfg', 'utf8');
const services = compose.services;
const replicas = ['api1', 'api2', 'api3'];

/** `server <name> "${VAR-default}"` lines of the api backend. */
const servers = [...haproxyCfg.matchAll(/^\s+server (\S+) "\$\{(\w+)-([^}]+)\}"/gm)].map((m) => ({ name: m[1], variable: m[2] }));
const setting = (pattern: RegExp): string => pattern.exec(haproxyCfg)?.[1] ?? '';

describe('docker-compose.yml against deploy/haproxy.cfg', () => {
  it('has the three replicas of the configuration, in the replicas profile, each named as its server', () => {
    expect(servers.map((s) => s.name)).toEqual(replicas);
    for (const name of replicas) {
      expect(services[name]?.profiles).toEqual(['replicas']);
      expect(services[name]?.environment?.['REPLICA_NAME']).toBe(name);
    }
    expect(services['haproxy']?.profiles).toEqual(['replicas']);
    // The default profile stays one API and its database.
    expect(Object.keys(services).filter((name) => services[name]?.profiles === undefined)).toEqual(['neo4j', 'api']);
  });

  it('points each server of HAProxy at its replica’s port, and publishes the ports the configuration binds', () => {
    const haproxy = services['haproxy'];
    expect(haproxy?.volumes).toContain('./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
    for (const [i, name] of replicas.entries()) {
      expect(servers[i]?.variable).toBe(`REPLICA${i + 1}`);
      expect(haproxy?.environment?.[`REPLICA${i + 1}`]).toBe(`${name}:${services[name]?.environment?.['PORT']}`);
      expect(haproxy?.depends_on?.[name]).toEqual({ condition: 'service_healthy' });
    }
    expect(haproxyCfg).toContain('bind "${HAPROXY_BIND-127.0.0.1}:${HAPROXY_PORT-8080}"');
    expect(haproxyCfg).toContain('bind "${HAPROXY_BIND-127.0.0.1}:${HAPROXY_STATS_PORT-8404}"');
    expect(haproxy?.environment?.['HAPROXY_BIND']).toBe('0.0.0.0');
    const ports = haproxy?.ports ?? [];
    expect(ports).toEqual([
      `127.0.0.1:${haproxy?.environment?.['HAPROXY_PORT']}:${haproxy?.environment?.['HAPROXY_PORT']}`,
      `127.0.0.1:${haproxy?.environment?.['HAPROXY_STATS_PORT']}:${haproxy?.environment?.['HAPROXY_STATS_PORT']}`,
    ]);
  });

  it('checks /readyz in both, and gives each replica an unready phase HAProxy sees before the listener closes', () => {
    expect(haproxyCfg).toMatch(/http-check send meth GET uri \/readyz/);
    const fall = Number(setting(/default-server .*\bfall (\d+)/));
    const interMs = Number(setting(/default-server .*\binter (\d+)s/)) * 1000;
    expect(fall).toBeGreaterThanOrEqual(1);
    for (const name of replicas) {
      const service = services[name];
      expect(service?.healthcheck?.test.join(' ')).toContain('/readyz');
      // Compose's ${NAME:-default} with its default, as compose would substitute it in an empty environment.
      const env = Object.entries(service?.environment ?? {}).map(([k, v]): [string, string] => [
        k,
        String(v).replace(/\$\{\w+:-([^}]*)\}/g, '$1'),
      ]);
      const config = parseConfig(Object.fromEntries(env));
      // The replica test and `npm run replicas` run the replicas with the same drain.
      expect({
        SHUTDOWN_UNREADY_MS: service?.environment?.['SHUTDOWN_UNREADY_MS'],
        SHUTDOWN_UNREADY_PROBES: service?.environment?.['SHUTDOWN_UNREADY_PROBES'],
      }).toEqual({
        SHUTDOWN_UNREADY_MS: Number(REPLICA_DRAIN_ENV.SHUTDOWN_UNREADY_MS),
        SHUTDOWN_UNREADY_PROBES: Number(REPLICA_DRAIN_ENV.SHUTDOWN_UNREADY_PROBES),
      });
      // One more 503 than HAProxy's fall: when the replica answers it, HAProxy has marked it DOWN.
      expect(config.shutdown.unreadyProbes).toBe(fall + 1);
      // The time bound leaves room for those checks on a slow machine.
      expect(config.shutdown.unreadyMs).toBeGreaterThanOrEqual(2 * (fall + 1) * interMs);
      expect(config.neo4j.uri).toMatch(/^neo4j:\/\//);
      // Docker's SIGKILL comes after the unready phase and the drain.
      const grace = Number(/^(\d+)s$/.exec(service?.stop_grace_period ?? '')?.[1]) * 1000;
      expect(grace).toBeGreaterThan(config.shutdown.unreadyMs + config.shutdown.graceMs);
    }
  });

  it('starts the second and third replica after the first (which seeds an empty graph)', () => {
    expect(services['api1']?.depends_on).toEqual({ neo4j: { condition: 'service_healthy' } });
    expect(services['api2']?.depends_on).toEqual({ api1: { condition: 'service_healthy' } });
    expect(services['api3']?.depends_on).toEqual({ api1: { condition: 'service_healthy' } });
  });
});
