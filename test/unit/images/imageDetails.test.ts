import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { imageDetails, shortCreatedBy } from '../../../src/images/imageDetails';
import type Docker from 'dockerode';

describe('shortCreatedBy', () => {
  it('reads the classic builder\'s records', () => {
    assert.equal(shortCreatedBy('/bin/sh -c #(nop)  EXPOSE 80 8080/udp'), 'EXPOSE 80 8080/udp');
    assert.equal(shortCreatedBy('/bin/sh -c #(nop)  CMD ["echo" "hello"]'), 'CMD ["echo" "hello"]');
    assert.equal(shortCreatedBy('|1 X=2 /bin/sh -c echo $X'), 'RUN echo $X');
    assert.equal(shortCreatedBy('|2 GREETING=hello from the UI EMPTY= /bin/sh -c echo "$GREETING" > /g'), 'RUN echo "$GREETING" > /g');
    assert.equal(shortCreatedBy('/bin/sh -c apt-get update &&     apt-get install -y curl'), 'RUN apt-get update && apt-get install -y curl');
  });

  it('reads BuildKit\'s records and leaves unknown ones as they are', () => {
    assert.equal(shortCreatedBy('RUN /bin/sh -c npm ci # buildkit'), 'RUN /bin/sh -c npm ci');
    assert.equal(shortCreatedBy('COPY . /app # buildkit'), 'COPY . /app');
    assert.equal(shortCreatedBy(''), '');
    assert.equal(shortCreatedBy('Imported from -'), 'Imported from -');
  });
});

describe('imageDetails', () => {
  it('an image without config parts: no entrypoint, cmd or ports, and env parsed with = in values', () => {
    const inspect = { Id: 'sha256:abc', Config: { Env: ['DATABASE_URL=postgres://u:p@db/x', 'EMPTY=', 'A=b=c'], Entrypoint: null, Cmd: [] } } as unknown as Docker.ImageInspectInfo;
    const details = imageDetails(inspect, [{ Created: 1, CreatedBy: '', Size: 0 }]);
    assert.equal(details.entrypoint, undefined);
    assert.equal(details.cmd, undefined);
    assert.deepEqual(details.exposedPorts, []);
    assert.deepEqual(details.env, [
      { name: 'DATABASE_URL', value: 'postgres://u:p@db/x', secret: true },
      { name: 'EMPTY', value: '', secret: false },
      { name: 'A', value: 'b=c', secret: false },
    ]);
    assert.deepEqual(details.layers, [{ createdBy: '', fullCreatedBy: '', size: 0, created: 1 }]);
  });
});
