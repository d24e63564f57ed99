import {
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
} from '@backstage/plugin-scaffolder-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { RdsEnvironmentPickerFieldExtension } from './plugin';
import { RdsEnvironmentPicker } from './components/RdsEnvironmentPicker';

describe('RdsEnvironmentPickerFieldExtension (legacy frontend system)', () => {
  it('is found by the scaffolder among the ScaffolderPage’s field extensions', async () => {
    // What ScaffolderPage does with its children to build the form's fields.
    function Fields() {
      const fields = useCustomFieldExtensions(
        <ScaffolderFieldExtensions>
          <RdsEnvironmentPickerFieldExtension />
        </ScaffolderFieldExtensions>,
      );
      return (
        <ul>
          {fields.map(field => (
            <li key={field.name}>
              {field.name}
              {field.component === RdsEnvironmentPicker && ' (picker)'}
              {field.validation && ' (validated)'}
            </li>
          ))}
        </ul>
      );
    }

    await renderInTestApp(<Fields />);

    expect(screen.getByRole('listitem')).toHaveTextContent(
      'RdsEnvironmentPicker (picker) (validated)',
    );
  });
});
