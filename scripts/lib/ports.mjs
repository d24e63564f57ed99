import net from 'node:net';

/** Resolves when the port is free; rejects with a readable message when it is taken. */
export function assertPortFree(port, what) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', err => {
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `Port ${port} (${what}) is already in use. Stop the process that holds it (\`ss -ltnp 'sport = :${port}'\` shows it) and start again.`
            : `Cannot listen on port ${port} (${what}): ${err.message}`,
        ),
      );
    });
    server.listen(port, '127.0.0.1', () => server.close(resolve));
  });
}

/** A port the OS says is free right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
