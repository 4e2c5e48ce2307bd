import { claimEarlyAnswer, EARLY_ANSWER_MAX_AGE_MS, takeEarlyAnswer } from './early-answer';

const URL_OF = `${window.location.origin}/initiatives/cut-response-time`;
const get = (url: string, token: string) =>
  new Request(url, { headers: { Authorization: `Bearer ${token}` } });

describe('the early answer of an initiative page', () => {
  const answer = Promise.resolve(new Response('{}'));
  const leave = () => {
    window.cioEarlyAnswer = { url: URL_OF, authorization: 'Bearer t1', at: 1_000, response: answer };
  };
  afterEach(() => {
    window.cioEarlyAnswer = undefined;
    window.cioAppStarted = undefined;
  });

  it('is the first read of the same initiative with the same token, taken once', () => {
    leave();
    claimEarlyAnswer();
    expect(window.cioAppStarted).toBe(true);
    expect(takeEarlyAnswer(get(URL_OF, 't1'), 2_000)).toBe(answer);
    expect(takeEarlyAnswer(get(URL_OF, 't1'), 2_000)).toBeUndefined();
  });

  it('is not an answer to another initiative or a write, and the first read of its address drops it', () => {
    leave();
    claimEarlyAnswer();
    expect(takeEarlyAnswer(get(`${URL_OF}-2`, 't1'), 2_000)).toBeUndefined();
    const write = new Request(URL_OF, { method: 'POST', headers: { Authorization: 'Bearer t1' } });
    expect(takeEarlyAnswer(write, 2_000)).toBeUndefined();
    expect(takeEarlyAnswer(get(URL_OF, 't2'), 2_000)).toBeUndefined();
    expect(takeEarlyAnswer(get(URL_OF, 't1'), 2_000)).toBeUndefined();
  });

  it('is not the answer to a read for someone the caller stands in for', () => {
    leave();
    claimEarlyAnswer();
    const forLi = new Request(URL_OF, { headers: { Authorization: 'Bearer t1', 'On-Behalf-Of': 'li' } });
    expect(takeEarlyAnswer(forLi, 2_000)).toBeUndefined();
  });

  it('is dropped once it is no longer the page load’s', () => {
    leave();
    claimEarlyAnswer();
    expect(takeEarlyAnswer(get(URL_OF, 't1'), 1_000 + EARLY_ANSWER_MAX_AGE_MS + 1)).toBeUndefined();
  });

  it('is never one left after the app started: a late early script is not the app’s', () => {
    claimEarlyAnswer();
    leave();
    expect(takeEarlyAnswer(get(URL_OF, 't1'), 2_000)).toBeUndefined();
  });
});
