import type { APIRoute } from 'astro';

/** Liveness for a load balancer or orchestrator: the process is serving requests. */
export const GET: APIRoute = () => Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
