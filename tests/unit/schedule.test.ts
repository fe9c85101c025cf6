import { describe, expect, test } from 'vitest';
import { readMasterScheduleFile, readPageFiles } from '../../src/curriculum/files.ts';
import {
  eventProblem,
  eventsFromMaster,
  formatEventTime,
  nextEvent,
  startInstant,
} from '../../src/lib/schedule.ts';
import { slugFrom, slugProblem, waveDatesProblem } from '../../src/lib/wave-rules.ts';

const wave = { startsOn: '2027-03-01', endsOn: '2027-08-27' };

describe('the master schedule in content/schedule.yaml', () => {
  test('links only knowledge-session pages that exist', () => {
    const sessions = new Set(
      readPageFiles()
        .filter((page) => page.data.kind === 'knowledge-session')
        .map((page) => page.slug),
    );
    const master = readMasterScheduleFile();
    expect(master.length).toBeGreaterThanOrEqual(5);
    for (const event of master) if (event.page) expect(sessions).toContain(event.page);
  });

  test('fits a five-month wave from its first Monday', () => {
    const events = eventsFromMaster(readMasterScheduleFile(), '2027-03-01');
    for (const event of events) expect(eventProblem(event, wave)).toBeUndefined();
  });
});

describe('event times', () => {
  test('keep their wall-clock time across a change to summer time', () => {
    // London moves to BST on 28 March 2027: 10:00 is 10:00 UTC before and 09:00 UTC after.
    expect(new Date(startInstant('2027-03-22T10:00', 'Europe/London')).toISOString()).toBe(
      '2027-03-22T10:00:00.000Z',
    );
    expect(new Date(startInstant('2027-03-29T10:00', 'Europe/London')).toISOString()).toBe(
      '2027-03-29T09:00:00.000Z',
    );
    expect(new Date(startInstant('2027-03-29T10:00', 'America/New_York')).toISOString()).toBe(
      '2027-03-29T14:00:00.000Z',
    );
  });

  test('read as people write them, across midnight too', () => {
    expect(formatEventTime('2027-03-02T10:00', 120)).toBe('Tuesday 2 March 2027, 10:00 to 12:00');
    expect(formatEventTime('2027-03-02T23:30', 60)).toBe(
      'Tuesday 2 March 2027, 23:30 to 3 March 2027, 00:30',
    );
  });

  test('the next event is the one under way or next to start', () => {
    const events = [
      { id: 'a', startsAt: '2027-03-02T10:00', durationMinutes: 60 },
      { id: 'b', startsAt: '2027-03-04T10:00', durationMinutes: 60 },
    ];
    const at = (iso: string) => Date.parse(iso);
    expect(nextEvent(events, 'Europe/London', at('2027-03-02T09:00Z'))?.id).toBe('a');
    expect(nextEvent(events, 'Europe/London', at('2027-03-02T10:30Z'))?.id).toBe('a');
    expect(nextEvent(events, 'Europe/London', at('2027-03-02T11:00Z'))?.id).toBe('b');
    expect(nextEvent(events, 'Europe/London', at('2027-03-05T00:00Z'))).toBeUndefined();
  });

  test('refuses an event outside the wave, an impossible date, a bad length or a non-web link', () => {
    const event = { startsAt: '2027-03-02T10:00', durationMinutes: 60, place: null };
    expect(eventProblem({ ...event, startsAt: '2027-02-28T10:00' }, wave)).toMatch(
      /must fall within the wave, between 1 March 2027 and 27 August 2027/,
    );
    expect(eventProblem({ ...event, startsAt: '2027-02-30T10:00' }, wave)).toMatch(/date and time/);
    expect(eventProblem({ ...event, durationMinutes: 0 }, wave)).toMatch(/between 5 minutes/);
    expect(eventProblem({ ...event, place: 'javascript:alert(1)' }, wave)).toMatch(/https:\/\//);
    expect(eventProblem({ ...event, place: 'Room 4.12, Leeds' }, wave)).toBeUndefined();
  });
});

describe('wave rules', () => {
  test('accept URL-safe slugs only, and suggest one from a name', () => {
    expect(slugProblem('wave-2')).toBeUndefined();
    for (const bad of ['', 'Wave-2', 'wave 2', 'wave--2', '-wave', 'wave/2', 'x'.repeat(61)])
      expect(slugProblem(bad)).toBeDefined();
    expect(slugFrom('Wave 2 (Spring, Zürich)')).toBe('wave-2-spring-zurich');
  });

  test('need the end after the start, on real days', () => {
    expect(waveDatesProblem('2027-03-01', '2027-03-01')).toMatch(/after the start/);
    expect(waveDatesProblem('2027-02-29', '2027-03-01')).toMatch(/start date/);
    expect(waveDatesProblem('2027-03-01', '2027-08-27')).toBeUndefined();
  });
});
