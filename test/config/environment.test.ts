/** The environment is read by one schema: a bad value stops start-up with a message naming it. */
import { composeApp } from '../../src/app/compose';
import { EnvironmentError, readEnvironment, schedulerEnabled } from '../../src/platform/config/environment';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';

function refusal(source: Record<string, string>): EnvironmentError {
  try {
    readEnvironment(source);
  } catch (error) {
    if (error instanceof EnvironmentError) return error;
    throw error;
  }
  throw new Error('the environment was accepted');
}

describe('readEnvironment', () => {
  it('trims values and treats empty ones as unset', () => {
    const environment = readEnvironment({ PORT: ' 3978 ', DATA_DIR: '   ', LOG_LEVEL: 'warn' });
    expect(environment.PORT).toBe('3978');
    expect(environment.DATA_DIR).toBeUndefined();
    expect(environment.LOG_LEVEL).toBe('warn');
  });

  it.each([
    ['PORT', 'eighty', 'port number'],
    ['PORT', '70000', 'port number'],
    ['LOG_LEVEL', 'loud', 'one of'],
    ['SCHEDULER_CRON', 'every minute', 'cron expression'],
    ['SCHEDULER_ENABLED', 'maybe', 'true or false'],
    ['PUBLIC_BASE_URL', 'bot.example.org', 'http(s) URL'],
    ['COSMOS_ENDPOINT', 'ftp://cosmos', 'http(s) URL'],
    ['BOT_DOMAIN', 'https://bot.example.org', 'host name'],
    ['MicrosoftAppType', 'Personal', 'SingleTenant'],
  ])('refuses %s=%s, naming the variable', (name, value, reason) => {
    const error = refusal({ [name]: value });
    expect(error.variables).toEqual([name]);
    expect(error.message).toContain(name);
    expect(error.message).toContain(reason);
    expect(error.message).toContain(`"${value}"`);
  });

  it('names every bad variable at once', () => {
    expect(refusal({ PORT: 'x', LOG_LEVEL: 'y' }).variables.sort()).toEqual(['LOG_LEVEL', 'PORT']);
  });

  it('runs the scheduler unless SCHEDULER_ENABLED says false', () => {
    expect(schedulerEnabled(readEnvironment({}))).toBe(true);
    expect(schedulerEnabled(readEnvironment({ SCHEDULER_ENABLED: 'FALSE' }))).toBe(false);
    expect(schedulerEnabled(readEnvironment({ SCHEDULER_ENABLED: '0' }))).toBe(false);
    expect(schedulerEnabled(readEnvironment({ SCHEDULER_ENABLED: 'true' }))).toBe(true);
  });
});

describe('composeApp', () => {
  it('stops before building anything when a value is bad', async () => {
    const store = SqliteStore.inMemory();
    await expect(composeApp({ NODE_ENV: 'test', PORT: 'eighty' }, { store })).rejects.toThrow(
      /PORT must be a port number/,
    );
    await store.close();
  });
});
