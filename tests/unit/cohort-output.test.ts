import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { waveCalendar } from '../../src/lib/calendar.ts';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import { neutraliseFormula, rosterCsv } from '../../src/lib/roster-export.ts';
import { showMemberCount } from '../../src/lib/small-groups.ts';
import { parse } from 'csv-parse/sync';

describe('the calendar feed', () => {
  test('gives each event its time zone, a stable UID and its sequence, and parses as iCalendar', () => {
    const ics = waveCalendar(
      { name: 'Wave 1', slug: 'wave-1', timeZone: 'America/New_York' },
      [
        {
          id: 'e1',
          title: 'Joint launch',
          startsAt: '2027-03-16T14:00',
          durationMinutes: 90,
          place: 'Room 2, Hartford',
          pageSlug: 'knowledge-sessions/joint-launch',
          sequence: 3,
          updatedAt: new Date('2027-01-01T00:00:00Z'),
        },
      ],
      'https://flipside.example',
    );
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const zone = calendar.getFirstSubcomponent('vtimezone')!;
    expect(zone.getFirstPropertyValue('tzid')).toBe('America/New_York');
    // A calendar app reads the zone's rules from the feed itself.
    ICAL.TimezoneService.register(zone);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe('e1@flipside.example');
    expect(event.summary).toBe('Joint launch');
    expect(event.location).toBe('Room 2, Hartford');
    expect(event.sequence).toBe(3);
    expect(event.startDate.zone.tzid).toBe('America/New_York');
    expect(event.startDate.toString()).toBe('2027-03-16T14:00:00');
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-16T18:00:00.000Z');
    expect(event.duration.toSeconds()).toBe(90 * 60);
    expect(ics).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r?$/m);
  });
});

describe('announcements', () => {
  test('show raw HTML as text, keep web links and leave images out', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> [guide](/guidance/) [site](https://example.org) [bad](javascript:alert(1)) ![a cat](https://example.org/cat.png) <img src=x onerror=alert(1)>',
    );
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="/guidance/">guide</a>');
    expect(html).toContain(
      '<a href="https://example.org" rel="noopener noreferrer nofollow">site</a>',
    );
    expect(html).not.toContain('href="javascript');
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain('a cat');
  });

  test('start their headings below the announcement title', () => {
    expect(renderMarkdown('# Big\n\n## Smaller')).toBe('<h4>Big</h4>\n<h5>Smaller</h5>\n');
  });
});

describe('the roster export', () => {
  const member = {
    name: '=HYPERLINK("https://evil.example","Click")',
    email: 'ana@example.org',
    role: 'mentor' as const,
    status: 'withdrawn' as const,
    addedAt: new Date('2027-03-01T09:00:00Z'),
    withdrawnAt: new Date('2027-04-01T09:00:00Z'),
    withdrawalReason: '+ told me in confidence',
    team: '@team',
    lineOfBusiness: '-Retail',
    gradeLevel: 4,
    location: 'Leeds',
    training: { completed: 3, required: 8, lastActive: new Date('2027-03-20T09:00:00Z') },
  };

  test('quotes every field and neutralises anything a spreadsheet would run', () => {
    const csv = rosterCsv([member], { includeReasons: true });
    for (const line of csv.trim().split('\r\n'))
      expect(line).toMatch(/^"(?:[^"]|"")*"(,"(?:[^"]|"")*")*$/);
    const [header, row] = parse(csv) as string[][];
    expect(header).toContain('withdrawal reason');
    expect(row).toEqual([
      `'=HYPERLINK("https://evil.example","Click")`,
      'ana@example.org',
      'reverse mentor',
      'withdrawn',
      '2027-03-01',
      '2027-04-01',
      `'+ told me in confidence`,
      `'@team`,
      `'-Retail`,
      '4',
      'Leeds',
      '3',
      '8',
      '2027-03-20',
    ]);
    for (const dangerous of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseFormula(dangerous)).toBe(`'${dangerous}`);
  });

  test('leaves withdrawal reasons out unless asked for', () => {
    const csv = rosterCsv([member], { includeReasons: false });
    expect(csv).not.toContain('withdrawal reason');
    expect(csv).not.toContain('confidence');
  });
});

describe('counts shown to members', () => {
  test('hide every group of 1 to 4 people', () => {
    expect(showMemberCount(0)).toEqual({ hidden: false, value: 0 });
    for (const small of [1, 2, 3, 4]) expect(showMemberCount(small)).toEqual({ hidden: true });
    expect(showMemberCount(5)).toEqual({ hidden: false, value: 5 });
  });
});
