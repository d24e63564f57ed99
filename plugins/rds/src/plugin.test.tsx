import {
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
} from '@backstage/plugin-scaffolder-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  RdsEnvironmentPickerFieldExtension,
  RdsJustificationFieldExtension,
} from './plugin';
import { RdsEnvironmentPicker } from './components/RdsEnvironmentPicker';
import { RdsJustificationField } from './components/RdsJustificationField';

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

describe('RdsJustificationFieldExtension (legacy frontend system)', () => {
  it('is found by the scaffolder next to the environment picker', async () => {
    function Fields() {
      const fields = useCustomFieldExtensions(
        <ScaffolderFieldExtensions>
          <RdsEnvironmentPickerFieldExtension />
          <RdsJustificationFieldExtension />
        </ScaffolderFieldExtensions>,
      );
      return (
        <ul>
          {fields.map(field => (
            <li key={field.name}>
              {field.name}
              {field.component === RdsJustificationField && ' (justification)'}
              {field.validation && ' (validated)'}
            </li>
          ))}
        </ul>
      );
    }

    await renderInTestApp(<Fields />);

    expect(
      screen.getAllByRole('listitem').map(item => item.textContent),
    ).toEqual([
      'RdsEnvironmentPicker (validated)',
      'RdsJustification (justification) (validated)',
    ]);
  });
});
