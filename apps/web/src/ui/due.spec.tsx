import { act, render, screen } from '@testing-library/react';
import { changeLanguage } from '../i18n';
import { byDueDate, DUE_SOON_MS, dueStatus } from './due';
import { DueBadge } from './DueBadge';

const NOW = Date.parse('2026-11-24T09:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('due and overdue', () => {
  afterEach(() => act(() => changeLanguage('en')));

  it('says overdue at and after the deadline, due soon within a day, later beyond', () => {
    expect(dueStatus(at(-1), NOW)).toBe('overdue');
    expect(dueStatus(at(0), NOW)).toBe('overdue');
    expect(dueStatus(at(1), NOW)).toBe('due-soon');
    expect(dueStatus(at(DUE_SOON_MS), NOW)).toBe('due-soon');
    expect(dueStatus(at(DUE_SOON_MS + 1), NOW)).toBe('later');
    expect(dueStatus(null, NOW)).toBe('none');
    expect(dueStatus('not a date', NOW)).toBe('none');
  });

  it('orders deadlines soonest first, none last', () => {
    const dues = [null, at(5_000), at(-5_000), at(1_000)];
    expect([...dues].sort(byDueDate)).toEqual([at(-5_000), at(1_000), at(5_000), null]);
  });

  it('shows the badge and the relative time, in the chosen language', async () => {
    const { rerender } = render(<DueBadge dueAt={at(-3 * 60_000)} now={NOW} />);
    expect(screen.getByText('Overdue')).toBeTruthy();
    expect(screen.getByText('due 3 minutes ago')).toBeTruthy();
    expect(screen.getByText('due 3 minutes ago').getAttribute('datetime')).toBe(at(-3 * 60_000));

    rerender(<DueBadge dueAt={at(2 * 3_600_000)} now={NOW} />);
    expect(screen.getByText('Due soon')).toBeTruthy();
    expect(screen.getByText('due in 2 hours')).toBeTruthy();

    rerender(<DueBadge dueAt={at(3 * DUE_SOON_MS)} now={NOW} />);
    expect(screen.queryByText('Due soon')).toBeNull();
    expect(screen.getByText('due in 3 days')).toBeTruthy();

    await act(() => changeLanguage('zh-CN'));
    rerender(<DueBadge dueAt={at(-3 * 60_000)} now={NOW} />);
    expect(screen.getByText('已逾期')).toBeTruthy();
    expect(screen.getByText('截止：3分钟前')).toBeTruthy();

    rerender(<DueBadge dueAt={null} now={NOW} />);
    expect(screen.getByText('无截止时间')).toBeTruthy();
  });
});
