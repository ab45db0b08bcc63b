/** Literal-id special accounts (docs/protocol.md 13.3) and how the server presents them. */
export interface SpecialInfo {
  nickName: string;
  pyInitial: string;
  pyQuanPin: string;
  verifyFlag: number;
  contactFlag: number;
}

export const SPECIALS: Record<string, SpecialInfo> = {
  filehelper: { nickName: '文件传输助手', pyInitial: 'WJCSZS', pyQuanPin: 'wenjianchuanshuzhushou', verifyFlag: 0, contactFlag: 3 },
  weixin: { nickName: '微信团队', pyInitial: 'WXTD', pyQuanPin: 'weixintuandui', verifyFlag: 56, contactFlag: 3 },
  // The official client forces fmessage's ContactFlag to 0.
  fmessage: { nickName: '朋友推荐消息', pyInitial: 'PYTJXX', pyQuanPin: 'pengyoutuijianxiaoxi', verifyFlag: 0, contactFlag: 0 },
  newsapp: { nickName: '腾讯新闻', pyInitial: 'TXXW', pyQuanPin: 'tengxunxinwen', verifyFlag: 0, contactFlag: 3 },
  medianote: { nickName: '语音记事本', pyInitial: 'YYJSB', pyQuanPin: 'yuyinjishiben', verifyFlag: 0, contactFlag: 3 },
  floatbottle: { nickName: '漂流瓶', pyInitial: 'PLP', pyQuanPin: 'piaoliuping', verifyFlag: 0, contactFlag: 3 },
  qqmail: { nickName: 'QQ邮箱提醒', pyInitial: 'QQYXTX', pyQuanPin: 'QQyouxiangtixing', verifyFlag: 0, contactFlag: 3 },
};

export const DEFAULT_SPECIALS = ['filehelper', 'weixin', 'fmessage', 'newsapp'];
