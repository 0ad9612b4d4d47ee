// dockerode ships no types for its per-object modules; @types/dockerode describes the classes.
declare module 'dockerode/lib/image.js' {
  import type Dockerode from 'dockerode';
  import type Modem from 'docker-modem';

  const Image: new (modem: Modem, name: string) => Dockerode.Image;
  export default Image;
}
