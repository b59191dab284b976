# CONNMARK target (revision 1)
-4
*mangle
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
-j CONNMARK --set-mark 1;-j CONNMARK --set-xmark 0x1/0xffffffff
-j CONNMARK --set-mark 1/0xff;-j CONNMARK --set-xmark 0x1/0xff
-j CONNMARK --set-xmark 1/2;-j CONNMARK --set-xmark 0x1/0x2
-j CONNMARK --set-xmark 3;-j CONNMARK --set-xmark 0x3/0xffffffff
-j CONNMARK --save-mark;-j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff
-j CONNMARK --restore-mark;-j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff
-j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xf;=
-j CONNMARK --save-mark --nfmask 0xff --ctmask 0xf;=
-j CONNMARK --save-mark --mask 0xf;-j CONNMARK --save-mark --nfmask 0xf --ctmask 0xf
-j CONNMARK --restore-mark --mask 0xf;-j CONNMARK --restore-mark --nfmask 0xf --ctmask 0xf
-j CONNMARK --restore-mark --ctmask 0xf;-j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xf
-j CONNMARK --and-mark 3;-j CONNMARK --set-xmark 0x0/0xfffffffc
-j CONNMARK --or-mark 3;-j CONNMARK --set-xmark 0x3/0x3
-j CONNMARK --xor-mark 3;-j CONNMARK --set-xmark 0x3/0x0
-j CONNMARK;FAIL;CONNMARK target: No operation specified
-j CONNMARK --set-mark 5/0xffffffff;-j CONNMARK --set-xmark 0x5/0xffffffff
-j CONNMARK --save-mark --restore-mark;FAIL;CONNMARK: option "--save-mark" cannot be used together with "--restore-mark".
-j CONNMARK --set-mark 1 --save-mark;FAIL;CONNMARK: option "--set-mark" cannot be used together with "--save-mark".
-j CONNMARK --set-mark foo;FAIL;CONNMARK: bad integer value for option "--set-mark", or out of range.
-j CONNMARK --nfmask 1;FAIL;CONNMARK target: No operation specified
*filter
:INPUT,FORWARD,OUTPUT
-j CONNMARK --set-mark 1;-j CONNMARK --set-xmark 0x1/0xffffffff
-j CONNMARK --restore-mark;-j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff
*raw
:PREROUTING
-j CONNMARK --set-mark 1;-j CONNMARK --set-xmark 0x1/0xffffffff
*nat
:PREROUTING
-j CONNMARK --save-mark;-j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff
-6
*mangle
:PREROUTING
-j CONNMARK --restore-mark --nfmask 0xffff --ctmask 0xff00;=
