/** Element Plus styles the workstation uses beyond the staff set in components/element.ts. */
import 'element-plus/es/components/tabs/style/css';
import 'element-plus/es/components/tab-pane/style/css';
import 'element-plus/es/components/select/style/css';
import 'element-plus/es/components/option/style/css';
import 'element-plus/es/components/input-number/style/css';
import 'element-plus/es/components/tag/style/css';
import 'element-plus/es/components/steps/style/css';
import 'element-plus/es/components/step/style/css';
import 'element-plus/es/components/timeline/style/css';
import 'element-plus/es/components/timeline-item/style/css';
