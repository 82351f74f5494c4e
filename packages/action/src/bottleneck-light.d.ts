// The throttling plugin uses Bottleneck's light build; reuse its types from the main entry.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
