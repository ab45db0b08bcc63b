import { SimulatorError } from '../src/errors';

describe('SimulatorError', () => {
  it('is an Error with its name and the HTTP status of the control answer (400 unless told)', () => {
    const e = new SimulatorError('unknown contact "Zed"');
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.message, e.status]).toEqual(['SimulatorError', 'unknown contact "Zed"', 400]);
    expect(new SimulatorError('no session', 409).status).toBe(409);
  });
});
