# MARK target (revision 2)
-4
*mangle
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
-j MARK --set-mark 1;-j MARK --set-xmark 0x1/0xffffffff
-j MARK --set-mark 1/0xff;-j MARK --set-xmark 0x1/0xff
-j MARK --set-xmark 1/0xff;-j MARK --set-xmark 0x1/0xff
-j MARK --set-xmark 0x1;-j MARK --set-xmark 0x1/0xffffffff
-j MARK --and-mark 0xf;-j MARK --set-xmark 0x0/0xfffffff0
-j MARK --or-mark 0xf;-j MARK --set-xmark 0xf/0xf
-j MARK --xor-mark 0xf;-j MARK --set-xmark 0xf/0x0
-j MARK --set-mark 0x0;-j MARK --set-xmark 0x0/0xffffffff
-j MARK --set-xmark 0x10/0x10;=
-j MARK --set-xmark 0xffffffff/0xffffffff;=
-j MARK --set-mark 0x100000000;FAIL;MARK: bad integer value for option "--set-mark", or out of range.
-j MARK --set-mark foo;FAIL;MARK: bad integer value for option "--set-mark", or out of range.
-j MARK;FAIL;MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required
-j MARK --set-mark 1 --or-mark 2;FAIL;MARK: option "--set-mark" cannot be used together with "--or-mark".
-j MARK --set-mark 1 --set-mark 2;FAIL;MARK: option "--set-mark" can only be used once.
-j MARK --and-mark 1/2;FAIL;MARK: bad value for option "--and-mark", or out of range (0-4294967295).
-j MARK ! --set-mark 1;FAIL;MARK: option "--set-mark" cannot be inverted.
*filter
:INPUT,FORWARD,OUTPUT
-j MARK --set-mark 1;-j MARK --set-xmark 0x1/0xffffffff
*raw
:PREROUTING,OUTPUT
-j MARK --set-mark 2;-j MARK --set-xmark 0x2/0xffffffff
*nat
:PREROUTING,POSTROUTING,OUTPUT
-j MARK --set-mark 3;-j MARK --set-xmark 0x3/0xffffffff
-6
*mangle
:PREROUTING
-j MARK --set-xmark 0x10/0xf0;=
