/**
 * Tests that need a server (PostgreSQL, Redis) run when it answers and are skipped, with a line
 * saying so, when it does not. CI sets BRIEF_REQUIRE_SERVICES=1 (.ci/run): there a missing server
 * fails the test file instead, so the suite can never pass green by skipping them.
 */
export const servicesRequired = process.env.BRIEF_REQUIRE_SERVICES === '1';

export type Probe = { available: true } | { available: false; reason: string };

/**
 * What a test file does with a probe's answer: nothing when the server is there; throw when it is
 * required; otherwise print one line and let the caller skip.
 */
export function settle(service: string, where: string, probe: Probe): boolean {
  if (probe.available) return true;
  if (servicesRequired) {
    throw new Error(
      `${service} at ${where} is required (BRIEF_REQUIRE_SERVICES=1) but did not answer: ${probe.reason}`,
    );
  }
  console.warn(
    `[brief tests] ${service} at ${where} did not answer (${probe.reason}): its tests in this file are skipped. ` +
      'Start it, or set BRIEF_REQUIRE_SERVICES=1 to make this a failure.',
  );
  return false;
}
