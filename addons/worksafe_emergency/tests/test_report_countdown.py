"""The 1 h deadline of the report to the authorities ticks down in the browser."""
from odoo.tests import HttpCase, tagged

from .common import EmergencyCase

CHECK_TICKS = """
(async () => {
    const waitFor = async (selector) => {
        for (let i = 0; i < 200; i++) {
            const element = document.querySelector(selector);
            if (element) {
                return element;
            }
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(`${selector} never appeared`);
    };
    try {
        const first = Number((await waitFor(".o_worksafe_countdown")).dataset.secondsLeft);
        await new Promise((resolve) => setTimeout(resolve, 2200));
        const second = Number(document.querySelector(".o_worksafe_countdown").dataset.secondsLeft);
        if (!(first > 3000 && first <= 3600 && second < first)) {
            throw new Error(`the countdown does not tick: ${first} then ${second}`);
        }
        console.log("test successful");
    } catch (error) {
        console.error(error.message);
    }
})();
"""


@tagged("post_install", "-at_install")
class TestReportCountdown(HttpCase, EmergencyCase):
    def test_deadline_ticks_down_without_reload(self):
        event = self.raise_alarm()
        report = self.env["worksafe.emergency.report"].with_user(self.officer)._draft_for(event)
        self.browser_js(f"/odoo/worksafe.emergency.report/{report.id}", CHECK_TICKS,
                        login="ws_officer")
