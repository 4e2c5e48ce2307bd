import type { AppConfig } from '@cio/config';
import { recordTokenClaims } from '@cio/persistence';
import type { RegisterDatabase } from '../infrastructure/register-database';
import { DirectoryRecorder } from './directory-recorder';

// Jest cannot load @nestjs/common (ES modules only); the recorder needs only its decorators and Logger.
jest.mock('@nestjs/common', () => ({
  Injectable: () => () => undefined,
  Inject: () => () => undefined,
  Logger: class {
    warn = mockWarn;
  },
}));
jest.mock('@cio/persistence', () => ({ recordTokenClaims: jest.fn() }));
const mockWarn = jest.fn();

describe('DirectoryRecorder', () => {
  const record = jest.mocked(recordTokenClaims);
  const database = { ready: async () => ({}) } as unknown as RegisterDatabase;
  const config = { directory: { refreshMs: 60_000 } } as AppConfig;
  const li = {
    user: 'li',
    roles: ['cs-lead'],
    departments: ['customer-service'],
    profile: { email: 'li@example.com', displayName: 'Li', locale: 'zh-CN' as const },
  };
  beforeEach(() => {
    record.mockReset().mockResolvedValue(undefined);
    mockWarn.mockReset();
  });

  it('records a person once per refresh period, and at once when their claims change', async () => {
    const recorder = new DirectoryRecorder(database, config);
    recorder.record(li, 0);
    recorder.record(li, 1_000);
    recorder.record({ ...li, roles: ['cs-lead'] }, 59_000);
    await recorder.recorded('li');
    expect(record.mock.calls).toEqual([
      [
        {},
        {
          id: 'li',
          email: 'li@example.com',
          displayName: 'Li',
          locale: 'zh-CN',
          roles: ['cs-lead'],
          departments: ['customer-service'],
        },
      ],
    ]);
    recorder.record({ ...li, roles: ['cs-lead', 'change-board'] }, 60_000);
    recorder.record({ ...li, roles: ['change-board', 'cs-lead'] }, 61_000);
    recorder.record({ ...li, roles: ['cs-lead', 'change-board'] }, 121_000);
    await recorder.recorded('li');
    expect(record.mock.calls.map(([, claims]) => [claims.roles])).toEqual([
      [['cs-lead']],
      [['change-board', 'cs-lead']],
      [['change-board', 'cs-lead']],
    ]);
  });

  it('logs a failure without throwing, and tries again a little later', async () => {
    const recorder = new DirectoryRecorder(database, config);
    record.mockRejectedValueOnce(new Error('connection refused'));
    recorder.record(li, 0);
    await expect(recorder.recorded('li')).resolves.toBeUndefined();
    expect(mockWarn).toHaveBeenCalledWith(expect.stringContaining('connection refused'));
    recorder.record(li, 1_000);
    expect(record).toHaveBeenCalledTimes(1);
    recorder.record(li, 5_000);
    await recorder.recorded('li');
    expect(record).toHaveBeenCalledTimes(2);
  });

  it('has nothing to wait for when a person is not being recorded', async () => {
    await expect(new DirectoryRecorder(database, config).recorded('nobody')).resolves.toBeUndefined();
  });
});
