import { parseLocation } from '../../src/message/parse-location';
import { wireMessage } from '../fixtures/wire';

const IMG = '/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?url=xxx&msgid=1&pictype=location';

describe('parseLocation', () => {
  it('takes the address before the last ":<br/>", decoded, and coordinates from the map url', () => {
    const wire = wireMessage({ Url: 'http://apis.map.qq.com/uri/v1/geocoder?coord=-33.8688,151.2093&amp;referer=wx' });
    expect(parseLocation(`Room 5: Tom &amp; Jerry's:<br/>${IMG}`, wire)).toEqual({
      address: "Room 5: Tom & Jerry's",
      url: 'http://apis.map.qq.com/uri/v1/geocoder?coord=-33.8688,151.2093&referer=wx',
      latitude: -33.8688,
      longitude: 151.2093,
    });
  });

  it('integer coordinates, and coord as a later query parameter', () => {
    expect(parseLocation(`A:<br/>${IMG}`, wireMessage({ Url: 'http://m.example/?x=1&coord=30,120' }))).toMatchObject({ latitude: 30, longitude: 120 });
  });

  it('no coordinates without a coord parameter, or with a malformed one', () => {
    for (const Url of ['http://weixin.qq.com/cgi-bin/redirectforward?args=abc', 'http://m.example/?coord=30.1', 'http://m.example/?coord=a,b', 'http://m.example/?xcoord=1,2']) {
      const location = parseLocation(`A:<br/>${IMG}`, wireMessage({ Url }));
      expect(location).not.toHaveProperty('latitude');
      expect(location).not.toHaveProperty('longitude');
    }
  });

  it('a body without the separator is all address; a missing Url is empty', () => {
    const wire = { ...wireMessage(), Url: undefined } as unknown as ReturnType<typeof wireMessage>;
    expect(parseLocation('  Central Park  ', wire)).toEqual({ address: 'Central Park', url: '' });
  });
});
