import { parseMedia } from '../../src/message/parse-media';
import { wireMessage } from '../fixtures/wire';

describe('parseMedia', () => {
  it('an image: id and size from the wire fields; Content is not read', () => {
    const wire = wireMessage({ MsgType: 3, MediaId: 'mid', ImgWidth: 640, ImgHeight: 480 });
    expect(parseMedia('image', '<msg><img length="5" cdnthumbwidth="1"/></msg>', wire)).toEqual({ fileName: '', rawFileName: '', mediaId: 'mid', width: 640, height: 480 });
  });

  it('a voice has its VoiceLength as duration, a video its PlayLength; zero or missing means none', () => {
    expect(parseMedia('voice', '', wireMessage({ VoiceLength: 1580, PlayLength: 9 }))).toMatchObject({ duration: 1580 });
    expect(parseMedia('video', '', wireMessage({ VoiceLength: 9, PlayLength: 12 }))).toMatchObject({ duration: 12 });
    expect(parseMedia('voice', '', wireMessage({ VoiceLength: 0 }))).not.toHaveProperty('duration');
    expect(parseMedia('image', '', wireMessage({ VoiceLength: 5, PlayLength: 5 }))).not.toHaveProperty('duration');
    expect(parseMedia('image', '', wireMessage({ ImgWidth: -1, ImgHeight: 0 }))).toEqual({ fileName: '', rawFileName: '', mediaId: '' });
  });

  it('an emoticon: md5 and, when the wire has none, size from <emoji>', () => {
    const xml = '<msg><emoji fromusername="a" md5="0123abcd" width="120" height="90" len="100"/></msg>';
    expect(parseMedia('emoticon', xml, wireMessage({ MsgType: 47 }))).toEqual({ fileName: '', rawFileName: '', mediaId: '', width: 120, height: 90, md5: '0123abcd' });
    expect(parseMedia('emoticon', xml, wireMessage({ MsgType: 47, ImgWidth: 60 }))).toMatchObject({ width: 60, height: 90 });
  });

  it('a store sticker with empty Content, or broken XML, has no md5', () => {
    expect(parseMedia('emoticon', '', wireMessage({ MsgType: 47, HasProductId: 1 }))).toEqual({ fileName: '', rawFileName: '', mediaId: '' });
    expect(parseMedia('emoticon', '<msg><emoji md5=', wireMessage({ MsgType: 47 }))).not.toHaveProperty('md5');
  });

  it('only an emoticon reads <emoji>', () => {
    expect(parseMedia('image', '<msg><emoji md5="x" width="5"/></msg>', wireMessage())).toEqual({ fileName: '', rawFileName: '', mediaId: '' });
  });
});
