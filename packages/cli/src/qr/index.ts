export { loginUrl, renderQr } from './render-qr';
