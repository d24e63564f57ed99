import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { MouseEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { rdsApiRef } from '../../api';

/** Props for {@link CsvDownloadButton}. */
export interface CsvDownloadButtonProps {
  entityRef: string;
  /** Only export runs for this environment. */
  environment?: string;
  /** File name offered to the browser, without extension. */
  fileName: string;
  onError(error: Error): void;
}

/**
 * A link to the audit CSV. A plain link would not carry the user's Backstage
 * token, so a click fetches through fetchApi and saves the blob instead; the
 * href stays for "copy link" and for readers.
 */
export function CsvDownloadButton(props: CsvDownloadButtonProps) {
  const { entityRef, environment, fileName, onError } = props;
  const rdsApi = useApi(rdsApiRef);
  const [busy, setBusy] = useState(false);
  const { value: href } = useAsync(
    () => rdsApi.getAuditCsvUrl(entityRef, { environment }),
    [rdsApi, entityRef, environment],
  );

  const onClick = async (event: MouseEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const blob = await rdsApi.downloadAuditCsv(entityRef, { environment });
      saveBlob(blob, `${fileName}.csv`);
    } catch (error) {
      onError(error as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      component="a"
      href={href}
      download={`${fileName}.csv`}
      onClick={onClick}
      disabled={busy}
      startIcon={<GetAppIcon />}
      size="small"
    >
      Download CSV
    </Button>
  );
}

function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}
