import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for an LMS course page or an ENT page, on its own origin (127.0.0.1), that embeds the tool
 * (on localhost: another site) in an iframe the way Moodle does, and records the resize messages it receives.
 */
export interface HostPage {
  origin: string;
  close(): Promise<void>;
}

export async function startHostPage(port: number, frameSrc: () => string): Promise<HostPage> {
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/course')) {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="fr"><head><title>Cours — SNT</title></head><body>
<h1>Cours de SNT</h1>
<iframe id="contentframe" title="Pix Embed" src="${frameSrc()}" width="100%" height="600"
  allow="microphone; camera; geolocation; midi; encrypted-media; autoplay" allowfullscreen></iframe>
<script>
  window.resizeMessages = [];
  window.addEventListener('message', (event) => window.resizeMessages.push({ origin: event.origin, data: event.data }));
</script>
</body></html>`);
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
