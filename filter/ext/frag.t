# frag match (IPv6 fragment header)
-6
*filter
:INPUT,FORWARD,OUTPUT
-m frag --fragid 1;=
-m frag ! --fragid 1:42;=
-m frag --fraglen 8;=
-m frag --fragres;=
-m frag --fragfirst;=
-m frag --fragmore;=
-m frag --fraglast;=
-m frag --fragid 1 --fragres --fragfirst;=
-m frag;=
-m frag --fragid 4294967295;=
-m frag --fragfirst --fragmore;=
-m frag --fragmore --fraglast;FAIL;frag: option "--fragmore" cannot be used together with "--fraglast".
-m frag --fragid :5;-m frag --fragid 0:5
