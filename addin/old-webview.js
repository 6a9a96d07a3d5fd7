// Runs only where the task pane's module script cannot (Internet Explorer 11 in older Office on
// Windows): instead of buttons that do nothing, Microsoft's advice. Plain ES5, no modules.
(function () {
  var zh = /^zh/i.test(navigator.userLanguage || navigator.language || '');
  var text = zh
    ? '此版本 Office 使用的浏览器组件过旧，无法运行本加载项。请更新 Office（文件 › 帐户 › 更新选项 › 立即更新），或在网页版 Excel 中打开工作簿。'
    : 'This version of Office uses a browser component too old to run this add-in. Update Office (File › Account › Update Options › Update Now), or open the workbook in Excel on the web.';
  function show() {
    var actions = document.getElementById('actions');
    if (actions) actions.style.display = 'none';
    var status = document.getElementById('status');
    if (status) {
      status.className = 'error';
      status.innerText = text;
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
})();
